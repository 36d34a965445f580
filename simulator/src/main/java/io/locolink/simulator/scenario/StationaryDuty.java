package io.locolink.simulator.scenario;

import io.locolink.simulator.physics.DriverCommand;
import io.locolink.simulator.physics.LocomotiveSimulation;

/** Standing still with brakes applied: parked (key off, a cold soak) or on standby (key on). */
public final class StationaryDuty implements Duty {

  private final boolean keyOn;

  /** @param keyOn key switch on (auxiliaries, heater, genset allowed) */
  public StationaryDuty(boolean keyOn) {
    this.keyOn = keyOn;
  }

  @Override
  public DriverCommand next(double phaseTimeS, LocomotiveSimulation loco) {
    return keyOn ? DriverCommand.brake(1, loco.direction()) : DriverCommand.parked(loco.direction());
  }
}
