package io.locolink.simulator.physics;

/**
 * Wagons coupled behind the locomotive: loaded four-axle wagons on roller bearings.
 *
 * @param wagons number of wagons, 0 for a light engine
 * @param axleLoadT axle load of each wagon, tonnes
 */
public record TrailingLoad(int wagons, double axleLoadT) {

  /** Axles per wagon (four-axle wagons). */
  public static final int AXLES_PER_WAGON = 4;

  public TrailingLoad {
    if (wagons < 0) {
      throw new IllegalArgumentException("wagons must be >= 0: " + wagons);
    }
    if (axleLoadT <= 0 || axleLoadT > 30) {
      throw new IllegalArgumentException("wagon axle load must be in (0, 30] t: " + axleLoadT);
    }
  }

  /** No wagons. */
  public static TrailingLoad lightEngine() {
    return new TrailingLoad(0, 23.5);
  }

  /** Total wagon mass, kilograms. */
  public double massKg() {
    return wagons * AXLES_PER_WAGON * axleLoadT * 1000.0;
  }
}
