package io.locolink.gateway.journal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * Hands out sequence numbers that never repeat across restarts: a block of numbers is reserved on
 * disk before any of it is issued, so after a crash the sequence resumes above the block (a jump
 * of at most {@link #BLOCK}, under a new boot id), never below a number already used.
 * Thread-safe.
 */
final class SequenceFloor {

  /** Sequences reserved per write of the floor file. */
  static final long BLOCK = 10_000;

  private final Path file;
  private long reserved;
  private long next;
  private volatile long lastIssued;

  private SequenceFloor(Path file, long reserved) {
    this.file = file;
    this.reserved = reserved;
    this.next = reserved + 1;
    this.lastIssued = reserved;
  }

  /** Reads the floor; the sequence resumes above both it and {@code highestHeld}. */
  static SequenceFloor open(Path file, long highestHeld) throws IOException {
    Optional<String> text = DurableFile.read(file);
    long floor = 0;
    if (text.isPresent() && text.get().startsWith("reserved ")) {
      try {
        floor = Long.parseLong(text.get().substring(9).strip());
      } catch (NumberFormatException ignored) {
        floor = 0;
      }
    }
    return new SequenceFloor(file, Math.max(floor, highestHeld));
  }

  /** The next sequence, reserving a new block on disk first when needed. */
  synchronized long next(IntConsumer bytesWritten) throws IOException {
    if (next > reserved) {
      long newReserved = next + BLOCK - 1;
      bytesWritten.accept(DurableFile.write(file, "reserved " + newReserved + "\n"));
      reserved = newReserved;
    }
    lastIssued = next;
    return next++;
  }

  /** The sequence {@link #next} would return. */
  synchronized long peek() {
    return next;
  }

  /** Highest sequence issued so far (or reserved by an earlier run). */
  long lastIssued() {
    return lastIssued;
  }
}
