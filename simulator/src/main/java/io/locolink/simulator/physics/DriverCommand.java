package io.locolink.simulator.physics;

import java.util.Objects;
import java.util.Optional;

/**
 * What the driver (or a duty cycle) asks of the locomotive for the next steps.
 *
 * @param keyOn key switch on: auxiliaries run, contactors close, the genset may run
 * @param tractionDemand traction power as a fraction of rated, 0..1 (a notch's power share)
 * @param brakeDemand braking as a fraction of full service braking (0.6 m/s²), 0..1
 * @param direction direction of travel; changes take effect only at standstill
 * @param charger the depot charger plugged in, if any
 */
public record DriverCommand(boolean keyOn, double tractionDemand, double brakeDemand,
    TravelDirection direction, Optional<ChargerSpec> charger) {

  public DriverCommand {
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(charger, "charger");
    if (tractionDemand < 0 || tractionDemand > 1 || brakeDemand < 0 || brakeDemand > 1) {
      throw new IllegalArgumentException("traction and brake demand must be in 0..1");
    }
  }

  /** Key off, brakes applied, no charger. */
  public static DriverCommand parked(TravelDirection direction) {
    return new DriverCommand(false, 0, 1, direction, Optional.empty());
  }

  /** Key on, motoring at a power fraction. */
  public static DriverCommand power(double tractionDemand, TravelDirection direction) {
    return new DriverCommand(true, tractionDemand, 0, direction, Optional.empty());
  }

  /** Key on, braking at a fraction of full service braking. */
  public static DriverCommand brake(double brakeDemand, TravelDirection direction) {
    return new DriverCommand(true, 0, brakeDemand, direction, Optional.empty());
  }

  /** Key on, neither power nor brake. */
  public static DriverCommand coast(TravelDirection direction) {
    return new DriverCommand(true, 0, 0, direction, Optional.empty());
  }

  /** Key off at the depot with a charger plugged in. */
  public static DriverCommand charging(ChargerSpec charger, TravelDirection direction) {
    return new DriverCommand(false, 0, 1, direction, Optional.of(charger));
  }
}
