package io.locolink.gateway.archive;

import io.locolink.gateway.framing.EnergyRecordCodec;
import io.locolink.gateway.framing.MalformedMessageException;
import io.locolink.gateway.framing.RecordFraming;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A range of the energy archive as it was when {@link EnergyStore#snapshot} took it: the day files
 * that may hold its records, each up to its length then. Reading a day again gives the same records
 * for as long as its file is kept (the store only appends, and deletes whole days past the retention).
 * Holds no record; immutable; any thread.
 */
public final class EnergyRange {

  private static final Logger LOG = LoggerFactory.getLogger(EnergyRange.class);

  /** One day file and its length when the range was taken, bytes. */
  record DayFile(Path file, long length) {}

  private final Instant from;
  private final Instant to;
  private final List<DayFile> days;

  EnergyRange(Instant from, Instant to, List<DayFile> days) {
    this.from = from;
    this.to = to;
    this.days = List.copyOf(days);
  }

  /** Day files in the range, oldest first. */
  public int dayCount() {
    return days.size();
  }

  /**
   * The encoded records of day {@code index} whose period ends in {@code (from, to]}, in append
   * order; a record that is not an energy record is skipped with a warning.
   *
   * @throws ArchiveChangedException if the day file was deleted (the retention passed it) or cut since
   * @throws UncheckedIOException if it cannot be read
   */
  public List<byte[]> records(int index) {
    DayFile day = days.get(index);
    byte[] data = new byte[(int) day.length()];
    try (FileChannel channel = FileChannel.open(day.file())) {
      ByteBuffer buf = ByteBuffer.wrap(data);
      while (buf.hasRemaining()) {
        if (channel.read(buf, buf.position()) < 0) {
          throw new ArchiveChangedException(day.file().getFileName() + " is shorter than when the range was taken");
        }
      }
    } catch (NoSuchFileException e) {
      throw new ArchiveChangedException(day.file().getFileName() + " was dropped since the range was taken");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read energy store", e);
    }
    List<byte[]> out = new ArrayList<>();
    RecordFraming.readPrefix(data, data.length, payload -> {
      Instant end;
      try {
        end = EnergyRecordCodec.periodEnd(payload);
      } catch (MalformedMessageException e) {
        LOG.warn("energy store {}: skipped a record that is not an energy record", day.file().getFileName());
        return;
      }
      if (end.isAfter(from) && !end.isAfter(to)) {
        out.add(payload);
      }
    });
    return out;
  }

  /** A day file of the range is gone or shorter than when the range was taken. */
  public static final class ArchiveChangedException extends RuntimeException {

    public ArchiveChangedException(String message) {
      super(message);
    }
  }
}
