package io.locolink.gateway.archive;

import io.locolink.gateway.framing.RecordFraming;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The energy archive: every energy record the gateway stored, kept apart from the trip logs so they
 * outlive evicted trips, for the depot server to serve. One file per UTC
 * day ({@code yyyyMMdd.lle}), records framed as in the trip log ({@link RecordFraming}) but not
 * compressed, each append forced to the device (one record per 5-minute period). Day files older
 * than the retention (counted back from the newest record's day) are deleted. A torn tail is cut
 * when the store opens. Thread-safe: methods are synchronized.
 */
public final class EnergyStore {

  private static final Logger LOG = LoggerFactory.getLogger(EnergyStore.class);
  private static final Pattern FILE = Pattern.compile("[0-9]{8}\\.lle");
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

  private final Path directory;
  private final int retentionDays;
  private LocalDate newestDay;

  private EnergyStore(Path directory, int retentionDays) {
    this.directory = directory;
    this.retentionDays = retentionDays;
  }

  /**
   * Opens (creating) the store in {@code directory} and cuts torn tails.
   *
   * @param retentionDays whole UTC days of records kept, at least 60
   * @throws UncheckedIOException if the directory cannot be created or read
   */
  public static EnergyStore open(Path directory, int retentionDays) {
    if (retentionDays < 60) {
      throw new IllegalArgumentException("energy retention must be >= 60 days, got " + retentionDays);
    }
    EnergyStore store = new EnergyStore(directory, retentionDays);
    try {
      Files.createDirectories(directory);
      for (Path file : store.dayFiles()) {
        store.cutTornTail(file);
        LocalDate day = LocalDate.parse(file.getFileName().toString().substring(0, 8), DAY);
        if (store.newestDay == null || day.isAfter(store.newestDay)) {
          store.newestDay = day;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open energy store", e);
    }
    return store;
  }

  /**
   * Appends one encoded {@code EnergyRecord} and forces it to the device; drops day files that fell
   * out of the retention.
   *
   * @param periodEnd the record's period end, UTC (chooses the day file)
   */
  public synchronized void append(byte[] energyRecord, Instant periodEnd) {
    LocalDate day = LocalDate.ofInstant(periodEnd.minusNanos(1), ZoneOffset.UTC);
    ByteArrayOutputStream framed = new ByteArrayOutputStream(energyRecord.length + 8);
    RecordFraming.write(framed, energyRecord);
    Path file = directory.resolve(DAY.format(day) + ".lle");
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND)) {
      ByteBuffer buf = ByteBuffer.wrap(framed.toByteArray());
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append energy record", e);
    }
    if (newestDay == null || day.isAfter(newestDay)) {
      newestDay = day;
      evictOld();
    }
  }

  /**
   * The energy records whose period ends after {@code from} and at or before {@code to} (for bounds
   * on the 5-minute grid, exactly the periods inside {@code [from, to]}), as the day files that may
   * hold them, each as long as it is now: the records are read a day at a time from it, and records
   * appended later are not part of it. Reads nothing but the directory.
   *
   * @throws UncheckedIOException if the directory cannot be read
   */
  public synchronized EnergyRange snapshot(Instant from, Instant to) {
    LocalDate first = LocalDate.ofInstant(from, ZoneOffset.UTC);
    LocalDate last = LocalDate.ofInstant(to.minusNanos(1), ZoneOffset.UTC);
    List<EnergyRange.DayFile> days = new ArrayList<>();
    try {
      for (Path file : dayFiles()) {
        LocalDate day = LocalDate.parse(file.getFileName().toString().substring(0, 8), DAY);
        if (!day.isBefore(first) && !day.isAfter(last)) {
          days.add(new EnergyRange.DayFile(file, Files.size(file)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read energy store", e);
    }
    return new EnergyRange(from, to, days);
  }

  /** Bytes held by the store. */
  public synchronized long sizeBytes() {
    try {
      long total = 0;
      for (Path file : dayFiles()) {
        total += Files.size(file);
      }
      return total;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot size energy store", e);
    }
  }

  private void evictOld() {
    LocalDate oldestKept = newestDay.minusDays(retentionDays - 1L);
    try {
      for (Path file : dayFiles()) {
        LocalDate day = LocalDate.parse(file.getFileName().toString().substring(0, 8), DAY);
        if (day.isBefore(oldestKept)) {
          Files.deleteIfExists(file);
          LOG.info("energy store: dropped {} (retention {} days)", file.getFileName(), retentionDays);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot evict old energy records", e);
    }
  }

  private void cutTornTail(Path file) throws IOException {
    byte[] data = Files.readAllBytes(file);
    int valid = RecordFraming.readPrefix(data, data.length, payload -> { });
    if (valid < data.length) {
      LOG.warn("energy store {}: cut torn tail of {} bytes", file.getFileName(), data.length - valid);
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
        channel.truncate(valid);
        channel.force(true);
      }
    }
  }

  private List<Path> dayFiles() throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> FILE.matcher(f.getFileName().toString()).matches()).sorted().toList();
    }
  }
}
