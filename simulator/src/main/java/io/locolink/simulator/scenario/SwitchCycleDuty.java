package io.locolink.simulator.scenario;

import io.locolink.simulator.physics.DriverCommand;
import io.locolink.simulator.physics.LocomotiveSimulation;
import io.locolink.simulator.physics.TrailingLoad;
import io.locolink.simulator.physics.TravelDirection;
import java.util.random.RandomGenerator;

/**
 * A shunting driver on a notch duty cycle: a sequence of 30–90 s segments whose notch is drawn
 * with the cycle's time shares (so the time spent per notch follows the table). In a notch it
 * applies that share of rated power up to the yard speed limit; at idle it brakes to a stand
 * (regenerating) and waits. At a stand it may reverse and pick up or set down wagons. It brakes
 * in time for the ends of the track.
 */
public final class SwitchCycleDuty implements Duty {

  private static final double MIN_SEGMENT_S = 30;
  private static final double MAX_SEGMENT_S = 90;
  private static final double PLANNED_DECEL_MPS2 = 0.3;
  private static final double END_MARGIN_M = 60;
  private static final double TURN_BACK_WITHIN_M = 400;
  private static final double RECOUPLE_PROBABILITY = 0.25;
  private static final int MAX_WAGONS = 25;

  private final NotchCycle cycle;
  private final double speedLimitMps;
  private final RandomGenerator rng;
  private final boolean shuntWagons;
  private double segmentEndS = Double.NEGATIVE_INFINITY;
  private int position = NotchCycle.IDLE;
  private TravelDirection direction;

  /**
   * @param cycle notch duty cycle
   * @param speedLimitKmh yard speed limit, km/h
   * @param shuntWagons pick up and set down wagons at stands
   * @param rng draws segments, directions and wagons
   */
  public SwitchCycleDuty(NotchCycle cycle, double speedLimitKmh, boolean shuntWagons, RandomGenerator rng) {
    if (!(speedLimitKmh > 0)) {
      throw new IllegalArgumentException("speed limit must be > 0 km/h");
    }
    this.cycle = cycle;
    this.speedLimitMps = speedLimitKmh / 3.6;
    this.shuntWagons = shuntWagons;
    this.rng = rng;
  }

  @Override
  public DriverCommand next(double phaseTimeS, LocomotiveSimulation loco) {
    if (direction == null) {
      direction = loco.direction();
    }
    double v = loco.speedMps();
    if (phaseTimeS >= segmentEndS) {
      position = cycle.draw(rng.nextDouble());
      segmentEndS = phaseTimeS + MIN_SEGMENT_S + rng.nextDouble() * (MAX_SEGMENT_S - MIN_SEGMENT_S);
      if (v == 0) {
        atStand(loco);
      }
    }
    if (v > 0) {
      direction = loco.direction();
    }
    double toEnd = direction == TravelDirection.UP ? loco.route().lengthM() - loco.positionM() : loco.positionM();
    if (v > 0 && toEnd < v * v / (2 * PLANNED_DECEL_MPS2) + END_MARGIN_M) {
      return DriverCommand.brake(1, direction);
    }
    boolean notch = position >= 1 && position <= 8;
    if (!notch) {
      return DriverCommand.brake(v > 0 ? 0.5 : 1, direction);
    }
    if (v > speedLimitMps + 0.5) {
      return DriverCommand.brake(0.2, direction);
    }
    if (v >= speedLimitMps || toEnd < END_MARGIN_M * 2) {
      return DriverCommand.coast(direction);
    }
    return DriverCommand.power(NotchCycle.notchPower(position), direction);
  }

  private void atStand(LocomotiveSimulation loco) {
    double toEnd = direction == TravelDirection.UP ? loco.route().lengthM() - loco.positionM() : loco.positionM();
    if (toEnd < TURN_BACK_WITHIN_M || rng.nextDouble() < 0.5) {
      direction = direction.reversed();
    }
    if (shuntWagons && rng.nextDouble() < RECOUPLE_PROBABILITY) {
      int wagons = rng.nextInt(MAX_WAGONS + 1);
      double axleLoadT = rng.nextDouble() < 0.5 ? 6.0 : 23.5;
      loco.couple(new TrailingLoad(wagons, axleLoadT));
    }
  }
}
