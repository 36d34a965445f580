package io.locolink.simulator.physics;

/**
 * Train resistance after 1520 mm practice: specific resistances in newtons per kilonewton of
 * weight, speed in km/h. Pure functions.
 */
public final class TrainResistance {

  /** Standard gravity, m/s². */
  public static final double G = 9.80665;

  private TrainResistance() {}

  /** Locomotive running resistance w = 1.9 + 0.01 v + 0.0003 v², N/kN. */
  public static double locomotiveNPerKn(double speedKmh) {
    return 1.9 + 0.01 * speedKmh + 0.0003 * speedKmh * speedKmh;
  }

  /** Loaded four-axle wagon on roller bearings w = 0.7 + (3 + 0.1 v + 0.0025 v²) / q0, N/kN. */
  public static double wagonNPerKn(double speedKmh, double axleLoadT) {
    return 0.7 + (3 + 0.1 * speedKmh + 0.0025 * speedKmh * speedKmh) / axleLoadT;
  }

  /** Starting resistance w = 28 / (q0 + 7), N/kN. */
  public static double startingNPerKn(double axleLoadT) {
    return 28 / (axleLoadT + 7);
  }

  /** Curve resistance w = 700 / R, N/kN; zero on straight track (infinite radius). */
  public static double curveNPerKn(double radiusM) {
    return 700 / radiusM;
  }

  /** Newtons from a specific resistance in N/kN acting on a mass in kilograms. */
  public static double newtons(double nPerKn, double massKg) {
    return nPerKn * massKg * G / 1000.0;
  }

  /**
   * Running resistance of the locomotive and its wagons on level straight track, newtons.
   *
   * @param speedKmh speed, km/h (≥ 0)
   */
  public static double runningN(VehicleSpec vehicle, TrailingLoad load, double speedKmh) {
    return newtons(locomotiveNPerKn(speedKmh), vehicle.massKg())
        + newtons(wagonNPerKn(speedKmh, load.axleLoadT()), load.massKg());
  }

  /** Starting resistance of the locomotive and its wagons, newtons. */
  public static double startingN(VehicleSpec vehicle, TrailingLoad load) {
    return newtons(startingNPerKn(vehicle.axleLoadT()), vehicle.massKg())
        + newtons(startingNPerKn(load.axleLoadT()), load.massKg());
  }
}
