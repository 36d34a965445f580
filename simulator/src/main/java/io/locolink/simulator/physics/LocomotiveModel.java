package io.locolink.simulator.physics;

/**
 * The locomotive as pure maths: advanced with an explicit time step, no I/O, no wall clock.
 * Not thread-safe; callers that share a model across threads synchronise on it.
 */
public interface LocomotiveModel {

  /** Advances the model by {@code dtS} simulated seconds. */
  void step(double dtS);

  /** The state after the last step. */
  LocomotiveState state();
}
