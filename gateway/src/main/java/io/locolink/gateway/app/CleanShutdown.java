package io.locolink.gateway.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A marker file in the state directory written at the end of a clean shutdown and taken at start:
 * a start without it follows a crash or a power cut, which the energy records must say.
 */
final class CleanShutdown {

  private static final Logger LOG = LoggerFactory.getLogger(CleanShutdown.class);
  static final String MARKER = "clean-shutdown";

  private CleanShutdown() {}

  /**
   * Removes the marker; true when it was there (the last run ended cleanly) or when this is the
   * first run in {@code stateDir} (nothing to recover from).
   */
  static boolean takeMarker(Path stateDir) {
    Path marker = stateDir.resolve(MARKER);
    try {
      boolean firstRun = !Files.exists(stateDir.resolve("journal"));
      boolean clean = Files.deleteIfExists(marker);
      if (!clean && !firstRun) {
        LOG.warn("the last run did not shut down cleanly: energy records will carry power-fail recovery");
      }
      return clean || firstRun;
    } catch (IOException e) {
      LOG.warn("cannot read the shutdown marker in {}: {}", stateDir, e.toString());
      return false;
    }
  }

  /** Writes the marker; the next start then knows nothing was cut short. */
  static void leaveMarker(Path stateDir) {
    try {
      Files.createDirectories(stateDir);
      Files.writeString(stateDir.resolve(MARKER), "");
    } catch (IOException e) {
      LOG.warn("cannot write the shutdown marker in {}: {}", stateDir, e.toString());
    }
  }
}
