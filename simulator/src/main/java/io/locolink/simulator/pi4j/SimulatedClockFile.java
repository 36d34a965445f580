package io.locolink.simulator.pi4j;

import io.locolink.gateway.storage.FileIo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a simulated locomotive's clock stood, kept in the gateway's state directory
 * ({@value #NAME}) so that a restarted gateway continues the simulated time instead of starting
 * it again from the wall clock. The file holds the simulated UTC and the wall-clock UTC at which
 * it was written; a restart resumes at the saved simulated time plus the wall time since, times the
 * speed: the simulated world went on while the gateway was down. A lockstep simulation never runs
 * ahead of its pace, so however late the last save came before a crash, the resumed time is past
 * every sample the previous run took, and records never go back in time across a restart.
 *
 * <p>Saves are throttled to one per five wall minutes ({@link #saveThrottled}) and replace the
 * file with the gateway's one atomic replace ({@link FileIo#replace(Path, byte[])}: a synced
 * temporary renamed over it), so a power cut leaves the old time or the new one. Each save is a new
 * file, which also changes the directory, the inode and block bitmaps and two inodes: a save every
 * 30 s was about a quarter of what the block device wrote for a gateway on this platform (a Pi does
 * not write the file at all), and a save every second would be more than the whole gateway. How
 * late the last save came does not matter (see above). A missing or unreadable file starts from
 * the wall clock, with a warning for an unreadable one. Not thread-safe: one acquisition thread
 * saves.
 */
final class SimulatedClockFile {

  /** The file's name in the state directory. */
  static final String NAME = "simulator-clock";

  private static final Logger LOG = LoggerFactory.getLogger(SimulatedClockFile.class);
  private static final long SAVE_EVERY_NANOS = 300_000_000_000L;

  private final Path file;
  private final InstantSource wall;
  private long lastSaveNanos = Long.MIN_VALUE;
  private boolean failed;

  SimulatedClockFile(Path stateDir, InstantSource wall) {
    this.file = stateDir.resolve(NAME);
    this.wall = wall;
  }

  /**
   * Where the simulated clock starts: the saved time carried forward by the wall time since it was
   * saved, times {@code speed}; the wall clock's now when nothing was saved.
   *
   * @param speed simulated seconds per wall second, >= 1
   */
  Instant resumeAt(double speed) {
    Instant now = wall.instant();
    if (!Files.exists(file)) {
      return now;
    }
    try {
      String[] lines = Files.readString(file, StandardCharsets.US_ASCII).strip().split("\n");
      if (lines.length != 2) {
        throw new IOException("expected two lines (simulated and wall UTC), found " + lines.length);
      }
      Instant simulated = Instant.parse(lines[0].strip());
      Instant savedAt = Instant.parse(lines[1].strip());
      Duration down = Duration.between(savedAt, now);
      if (down.isNegative()) {
        down = Duration.ZERO;  // the wall clock was set back: continue from the saved instant
      }
      Instant resumed = simulated.plusNanos(Math.round(down.toNanos() * speed));
      LOG.info("simulated clock continues at {} (saved {} at {})", resumed, simulated, savedAt);
      return resumed;
    } catch (IOException | DateTimeParseException | ArithmeticException e) {
      LOG.warn("cannot read the simulated clock in {} ({}); it starts from the wall clock", file, e.getMessage());
      return now;
    }
  }

  /** Saves {@code simulated} if the last save is five wall minutes old or more. */
  void saveThrottled(Instant simulated, long wallNanos) {
    if (lastSaveNanos != Long.MIN_VALUE && wallNanos - lastSaveNanos < SAVE_EVERY_NANOS) {
      return;
    }
    lastSaveNanos = wallNanos;
    save(simulated);
  }

  /** Saves {@code simulated} now (at a clean stop). A failure is logged once and otherwise ignored. */
  void save(Instant simulated) {
    try {
      Files.createDirectories(file.getParent());
      FileIo.SYSTEM.replace(file, (simulated + "\n" + wall.instant() + "\n").getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      if (!failed) {
        LOG.warn("cannot save the simulated clock in {}: {}", file, e.toString());
        failed = true;
      }
    }
  }
}
