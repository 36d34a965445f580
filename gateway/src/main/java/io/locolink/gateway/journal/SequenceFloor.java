package io.locolink.gateway.journal;

import io.locolink.gateway.storage.FileIo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out sequence numbers that never repeat across restarts: a block of numbers is reserved on
 * disk before any of it is issued, so after a crash the sequence resumes above the block (a jump
 * of at most {@link #BLOCK}, under a new boot id), never below a number already used.
 * Thread-safe.
 */
final class SequenceFloor {

  /** Sequences reserved per write of the floor file. */
  static final long BLOCK = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(SequenceFloor.class);
  private static final String PREFIX = "reserved ";

  private final FileIo io;
  private final Path file;
  private long reserved;
  private long next;
  private volatile long lastIssued;

  private SequenceFloor(FileIo io, Path file, long reserved) {
    this.io = io;
    this.file = file;
    this.reserved = reserved;
    this.next = reserved + 1;
    this.lastIssued = reserved;
  }

  /**
   * Reads the floor; the sequence resumes above both it and {@code highestKnown}. When the floor
   * file is damaged (checksum, content), or missing although records are held, the numbers it
   * reserved are unknown: the loss is logged and reported, and the sequence resumes a whole
   * {@link #BLOCK} above {@code highestKnown}, past any block the last run could have been issuing
   * from.
   *
   * @param highestKnown the highest sequence found anywhere on disk: in any segment or the
   *     acknowledgement cursor; 0 when none
   */
  static SequenceFloor open(FileIo io, Path file, long highestKnown, RecoveryReport.Builder report) throws IOException {
    boolean exists = io.exists(file);
    Optional<String> text = DurableFile.read(io, file);
    if (text.isEmpty() && !exists && highestKnown == 0) {
      return new SequenceFloor(io, file, 0); // a new journal
    }
    String problem;
    if (text.isEmpty()) {
      problem = exists ? "checksum or encoding wrong" : "missing although records are held";
    } else if (!text.get().startsWith(PREFIX)) {
      problem = "unexpected content";
    } else {
      try {
        long floor = Long.parseLong(text.get().substring(PREFIX.length()).strip());
        if (floor >= 0) {
          return new SequenceFloor(io, file, Math.max(floor, highestKnown));
        }
        problem = "negative floor " + floor;
      } catch (NumberFormatException e) {
        problem = "not a number: " + e.getMessage();
      }
    }
    long resume = highestKnown + BLOCK;
    LOG.warn("journal sequence floor {} unreadable ({}): resuming above {} (highest sequence on disk {} + {})",
        file, problem, resume, highestKnown, BLOCK);
    report.sequenceFloorLost();
    return new SequenceFloor(io, file, resume);
  }

  /** The next sequence, reserving a new block on disk first when needed. */
  synchronized long next(IntConsumer bytesWritten) throws IOException {
    if (next > reserved) {
      long newReserved = next + BLOCK - 1;
      bytesWritten.accept(DurableFile.write(io, file, PREFIX + newReserved + "\n"));
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
