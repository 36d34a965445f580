package io.locolink.gateway.journal;

import io.locolink.gateway.storage.FileIo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "boot" file beside the segments: the id of the run that writes to the journal and the first
 * sequence it issues, written atomically before that run issues any sequence. Read at the next
 * start to say which boot came before and what it appended. Not thread-safe: used once at start.
 */
final class BootRecord {

  private static final Logger LOG = LoggerFactory.getLogger(BootRecord.class);
  private static final String PREFIX = "boot ";

  private BootRecord() {}

  /** A boot as the file names it. */
  record Entry(long bootId, long firstSequence) {}

  /** The boot the file names; empty when absent (a new journal) or damaged (logged). */
  static Optional<Entry> read(FileIo io, Path file) throws IOException {
    Optional<String> text = DurableFile.read(io, file);
    if (text.isEmpty()) {
      if (io.exists(file)) {
        LOG.warn("journal boot record {} damaged: the previous boot is reported unknown", file);
      }
      return Optional.empty();
    }
    String[] parts = text.get().strip().split(" ");
    try {
      if (parts.length == 4 && (PREFIX + parts[1] + " first " + parts[3]).equals(text.get().strip())) {
        return Optional.of(new Entry(HexFormat.fromHexDigitsToLong(parts[1]), Long.parseLong(parts[3])));
      }
    } catch (IllegalArgumentException e) {
      // falls through to the warning
    }
    LOG.warn("journal boot record {} unreadable: the previous boot is reported unknown", file);
    return Optional.empty();
  }

  /** Replaces the file with this boot; returns the bytes written. */
  static int write(FileIo io, Path file, Entry entry) throws IOException {
    return DurableFile.write(io, file, PREFIX + HexFormat.of().toHexDigits(entry.bootId()) + " first "
        + entry.firstSequence() + "\n");
  }
}
