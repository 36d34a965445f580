package io.locolink.simulator.scenario;

import io.locolink.simulator.physics.LocomotiveSimulation;
import io.locolink.simulator.physics.LocomotiveState;

/**
 * Told of the locomotive's state as a scenario runs: the hook for fault injection and recorders.
 * Called on the runner's stepping thread, once per snapshot interval, with simulated time in
 * {@code state.timeS()}. A listener may act on the model (e.g. add an insulation leak); it must
 * not block.
 */
@FunctionalInterface
public interface ScenarioListener {

  /**
   * @param state the snapshot just published
   * @param model the running model (only to be touched from within this call)
   */
  void onState(LocomotiveState state, LocomotiveSimulation model);
}
