package io.locolink.simulator.fleet;

import io.locolink.gateway.acquisition.SnapshotSource;
import io.locolink.simulator.physics.LocomotiveState;
import io.locolink.simulator.physics.VehicleSpec;
import java.time.InstantSource;
import java.util.Locale;
import java.util.function.Supplier;

/** How each simulated locomotive's gateway reads its state: through emulated chips, or directly. */
public enum Acquisition {
  /** The gateway's drivers on emulated chips ({@link ChipSnapshotSource}): faithful, costlier. */
  CHIPS,
  /** The state mapped straight to a snapshot ({@link StateSnapshotSource}): light, for large N. */
  DIRECT;

  /**
   * Opens one locomotive's source; the caller closes it and calls {@code acquire()} from one thread.
   *
   * @param state the locomotive's latest state
   * @param vehicle the locomotive, for its wiring
   * @param utc the gateway's UTC clock
   * @param seed seed of the chips' measurement noise
   */
  public SnapshotSource open(Supplier<LocomotiveState> state, VehicleSpec vehicle, InstantSource utc, long seed) {
    return switch (this) {
      case CHIPS -> new ChipSnapshotSource(state, vehicle, utc, seed);
      case DIRECT -> new StateSnapshotSource(state, utc);
    };
  }

  /** The command-line name, {@code chips} or {@code direct}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code chips} or {@code direct}.
   *
   * @throws IllegalArgumentException naming {@code --acquisition} for anything else
   */
  public static Acquisition parse(String text) {
    for (Acquisition a : values()) {
      if (a.label().equals(text)) {
        return a;
      }
    }
    throw new IllegalArgumentException("--acquisition must be chips or direct, got '" + text + "'");
  }
}
