package io.locolink.simulator.scenario;

import io.locolink.simulator.physics.DriverCommand;
import io.locolink.simulator.physics.LocomotiveSimulation;

/**
 * A driver for one phase of a scenario: looks at the locomotive and says what to do next.
 * Deterministic given its seeded generator. Called on the stepping thread only.
 */
public interface Duty {

  /**
   * The command for the next step. May couple or uncouple wagons on the model at standstill.
   *
   * @param phaseTimeS seconds since this phase began
   * @param loco the locomotive
   */
  DriverCommand next(double phaseTimeS, LocomotiveSimulation loco);
}
