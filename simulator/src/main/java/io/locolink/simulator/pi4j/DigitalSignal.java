package io.locolink.simulator.pi4j;

/**
 * What an emulated GPIO input sees: a level, or a pulse train given as a growing edge count.
 * Implementations read the simulated state when asked.
 */
public interface DigitalSignal {

  /** Edges since the start of the simulation (levels report 0). */
  long edges();

  /** The level now. */
  boolean high();
}
