package io.locolink.simulator.scenario;

import io.locolink.simulator.physics.DriverCommand;
import io.locolink.simulator.physics.LocomotiveSimulation;
import io.locolink.simulator.physics.TravelDirection;

/**
 * A line-haul driver: holds the line speed with a proportional power controller (full power
 * 5 km/h under the target), brakes when a downgrade pushes the train over it, and stops at the
 * end of the route.
 */
public final class LineHaulDuty implements Duty {

  private static final double CONTROL_BAND_MPS = 5 / 3.6;
  private static final double PLANNED_DECEL_MPS2 = 0.25;
  private static final double END_MARGIN_M = 200;

  private final double targetMps;
  private final TravelDirection direction;

  /**
   * @param speedKmh line speed, km/h
   * @param direction direction of travel along the route
   */
  public LineHaulDuty(double speedKmh, TravelDirection direction) {
    if (!(speedKmh > 0)) {
      throw new IllegalArgumentException("line speed must be > 0 km/h");
    }
    this.targetMps = speedKmh / 3.6;
    this.direction = direction;
  }

  @Override
  public DriverCommand next(double phaseTimeS, LocomotiveSimulation loco) {
    double v = loco.speedMps();
    double toEnd = direction == TravelDirection.UP ? loco.route().lengthM() - loco.positionM() : loco.positionM();
    if (toEnd < v * v / (2 * PLANNED_DECEL_MPS2) + END_MARGIN_M) {
      return DriverCommand.brake(v > 0 ? 0.6 : 1, direction);
    }
    double error = targetMps - v;
    if (error < -CONTROL_BAND_MPS / 5) {
      return DriverCommand.brake(Math.min(1, -error / CONTROL_BAND_MPS), direction);
    }
    if (error <= 0) {
      return DriverCommand.coast(direction);
    }
    return DriverCommand.power(Math.min(1, error / CONTROL_BAND_MPS), direction);
  }
}
