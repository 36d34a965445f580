package io.locolink.simulator.scenario;

import io.locolink.simulator.physics.ChargerSpec;
import io.locolink.simulator.physics.DriverCommand;
import io.locolink.simulator.physics.LocomotiveSimulation;
import java.util.Objects;

/** Parked at the depot with the charger plugged in (CC/CV until the charge completes). */
public final class DepotChargeDuty implements Duty {

  private final ChargerSpec charger;

  public DepotChargeDuty(ChargerSpec charger) {
    this.charger = Objects.requireNonNull(charger, "charger");
  }

  @Override
  public DriverCommand next(double phaseTimeS, LocomotiveSimulation loco) {
    return DriverCommand.charging(charger, loco.direction());
  }
}
