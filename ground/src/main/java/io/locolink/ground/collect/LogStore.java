package io.locolink.ground.collect;

import io.locolink.gateway.trips.TripStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Trip logs on disk by content: {@code DIR/logs/SHA[0..2]/SHA.llt}, where SHA is the log's SHA-256;
 * downloads in progress in {@code DIR/partial/LOCOMOTIVE/ID.SHA16.part}, resumed from there. A
 * file under {@code logs/} is always complete and verified. Thread-safe for different trips.
 */
public final class LogStore {

  private final Path directory;

  public LogStore(Path directory) {
    this.directory = directory;
  }

  /** Where the verified log with this SHA-256 lives (whether or not it is there yet). */
  public Path log(String sha256) {
    requireSha(sha256);
    return directory.resolve("logs").resolve(sha256.substring(0, 2)).resolve(sha256 + ".llt");
  }

  /** Whether a verified log with this SHA-256 is stored. */
  public boolean has(String sha256) {
    return Files.isRegularFile(log(sha256));
  }

  /** The partial file of a download in progress (its directory created). */
  Path partial(String locomotive, TripListing trip) {
    requireSha(trip.sha256());
    Path dir = directory.resolve("partial").resolve(locomotive);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    return dir.resolve(trip.id() + "." + trip.sha256().substring(0, 16) + ".part");
  }

  /**
   * Checks a finished download against its SHA-256 and moves it under {@code logs/}.
   *
   * @return false (and the partial file deleted) when the SHA-256 differs
   */
  boolean commit(Path part, String sha256) throws IOException {
    if (!TripStore.sha256(part).equals(sha256)) {
      Files.delete(part);
      return false;
    }
    Path target = log(sha256);
    Files.createDirectories(target.getParent());
    try {
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
    }
    try (FileChannel dir = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // directory fsync is not supported everywhere; the rename is atomic
    }
    return true;
  }

  private static void requireSha(String sha256) {
    if (!sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not a SHA-256 in lower-case hex");
    }
  }
}
