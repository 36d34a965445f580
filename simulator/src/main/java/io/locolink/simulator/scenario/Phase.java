package io.locolink.simulator.scenario;

import io.locolink.simulator.physics.ChargerSpec;
import io.locolink.simulator.physics.TravelDirection;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.random.RandomGenerator;

/**
 * One phase of a scenario: a duty for a duration.
 *
 * @param duty what the locomotive does
 * @param durationS how long, simulated seconds
 * @param speedLimitKmh yard speed limit (switch cycle) or line speed (line haul), km/h
 * @param direction direction of travel for a line-haul run
 * @param shuntWagons a switch cycle picks up and sets down wagons at stands
 * @param ambientC ambient temperature from the start of this phase, if it changes
 * @param charger the depot charger, for a depot charge
 */
public record Phase(DutyKind duty, double durationS, double speedLimitKmh, TravelDirection direction,
    boolean shuntWagons, OptionalDouble ambientC, Optional<ChargerSpec> charger) {

  public Phase {
    Objects.requireNonNull(duty, "duty");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(ambientC, "ambientC");
    Objects.requireNonNull(charger, "charger");
    if (!(durationS > 0)) {
      throw new IllegalArgumentException("durationS must be > 0");
    }
    if (duty == DutyKind.DEPOT_CHARGE && charger.isEmpty()) {
      throw new IllegalArgumentException("a depot-charge phase needs a charger");
    }
  }

  /** Creates the driver for this phase. */
  public Duty newDuty(RandomGenerator rng) {
    return switch (duty) {
      case PARKED -> new StationaryDuty(false);
      case STANDBY -> new StationaryDuty(true);
      case SWITCH_CYCLE -> new SwitchCycleDuty(NotchCycle.SWITCH, speedLimitKmh, shuntWagons, rng);
      case LINE_HAUL -> new LineHaulDuty(speedLimitKmh, direction);
      case DEPOT_CHARGE -> new DepotChargeDuty(charger.orElseThrow());
    };
  }
}
