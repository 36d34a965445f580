package io.locolink.simulator.pi4j;

import java.util.function.BooleanSupplier;

/** A GPIO level that follows a boolean of the simulated state (key switch, contactor contact). */
record LevelSignal(BooleanSupplier level) implements DigitalSignal {

  /** An unconnected pin with its pull-down. */
  static final LevelSignal LOW = new LevelSignal(() -> false);

  @Override
  public long edges() {
    return 0;
  }

  @Override
  public boolean high() {
    return level.getAsBoolean();
  }
}
