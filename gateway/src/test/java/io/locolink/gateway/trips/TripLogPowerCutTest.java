package io.locolink.gateway.trips;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.framing.LogRecordCodec;
import io.locolink.gateway.framing.StreamKind;
import io.locolink.gateway.storage.CrashFs;
import io.locolink.gateway.storage.FileIo;
import io.locolink.testing.ReferencePackFrames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * A power cut at every write and sync of a trip log written as the recorder writes it (a block
 * flushed and synced every checkpoint interval): whatever the unsynced bytes became, the log
 * reopens, cuts what is torn and keeps every record of every synced block byte for byte, in order,
 * and nothing else. A crash therefore loses at most the records of the last checkpoint interval,
 * or, when blocks are synced only while the ground lacks their records, what was not synced.
 */
class TripLogPowerCutTest {

  static final Path FILE = Path.of("trips", "t.llt.open");
  /** Records per checkpoint interval (the recorder flushes by time; here one record is 1 s, the interval 5 s). */
  static final int PER_INTERVAL = 5;
  static final int RECORDS = 40;
  static final long SECOND = 1_000_000_000L;

  private static byte[] record(int i) {
    byte[] b = new byte[20 + (i * 37) % 90];
    new Random(i).nextBytes(b);
    b[0] = (byte) i;
    return b;
  }

  @Test
  void everyCutPointKeepsEverySyncedBlock() throws Exception {
    CrashFs fs = new CrashFs();
    fs.createDirectories(FILE.getParent());
    List<Integer> syncedAt = new ArrayList<>(); // event count when record i's block was synced
    try (TripLogWriter w = TripLogWriter.open(fs, FILE, 65_536, true)) {
      for (int i = 0; i < RECORDS; i++) {
        w.append(record(i));
        syncedAt.add(Integer.MAX_VALUE);
        if (i % PER_INTERVAL == PER_INTERVAL - 1) {
          w.flushBlock();
          markSynced(syncedAt, i, fs.eventCount());
        }
      }
    }
    checkEveryCut(fs, syncedAt, TripLogPowerCutTest::record);
  }

  /**
   * The recorder's rule when the journal decides (blocks written every interval, synced only while
   * the ground lacks their records, and by the journal's sync): here the ground lacks them in the
   * middle third of the run (an outage) and has them otherwise; the close syncs the rest.
   */
  @Test
  void blocksSyncedOnlyWhenTheGroundLacksThemKeepEverySyncedBlock() throws Exception {
    CrashFs fs = new CrashFs();
    fs.createDirectories(FILE.getParent());
    List<Integer> syncedAt = new ArrayList<>();
    int forces = 0;
    try (TripLogWriter w = TripLogWriter.open(fs, FILE, 400, false)) { // members of about 400 B: several finish
      for (int i = 0; i < RECORDS; i++) {
        w.append(record(i));
        syncedAt.add(Integer.MAX_VALUE);
        if (i % PER_INTERVAL == PER_INTERVAL - 1) {
          int before = fs.eventCount();
          w.flushBlock();
          assertTrue(fs.events().subList(before, fs.eventCount()).stream()
              .noneMatch(e -> e instanceof CrashFs.Force), "a block is written without a sync");
          boolean outage = i >= RECORDS / 3 && i < 2 * RECORDS / 3;
          if (outage) {
            w.force();
            forces++;
            markSynced(syncedAt, i, fs.eventCount());
          }
        }
      }
      w.append(record(RECORDS)); // buffered when the log closes: the close writes and syncs it
      syncedAt.add(Integer.MAX_VALUE);
    }
    markSynced(syncedAt, RECORDS, fs.eventCount());
    assertTrue(forces > 0 && forces < RECORDS / PER_INTERVAL, "some blocks synced, not all: " + forces);
    checkEveryCut(fs, syncedAt, TripLogPowerCutTest::record);
  }

  /**
   * The recorder's rule with whole pages held in groups: while the ground has the records the
   * flushed bytes wait in memory until a group (here two pages) is held, then only the log's whole
   * pages are written; during the outage in the middle third every flush is written and synced.
   * Every write outside the outage ends at a page boundary and covers at least the group less a
   * page, so no page is written twice and pages go a group at a time, and every cut keeps every
   * synced block: what the ground lacks is as durable as before.
   */
  @Test
  void wholePagesInGroupsWhileTheGroundHasTheRecordsKeepEverySyncedBlock() throws Exception {
    int records = 480; // about 32 KB of incompressible records: more than a group before and after the outage
    int group = 2 * TripLogWriter.PAGE_BYTES;
    CrashFs fs = new CrashFs();
    fs.createDirectories(FILE.getParent());
    List<Integer> syncedAt = new ArrayList<>();
    int pageWrites = 0;
    int flushesHeld = 0;
    try (TripLogWriter w = TripLogWriter.open(fs, FILE, 4_000, false)) {
      w.hold(group, Duration.ofHours(1));
      for (int i = 0; i < records; i++) {
        w.append(record(i));
        syncedAt.add(Integer.MAX_VALUE);
        if (i % PER_INTERVAL == PER_INTERVAL - 1) {
          int before = fs.eventCount();
          boolean outage = i >= records / 3 && i < 2 * records / 3;
          if (outage) {
            w.flushBlock();
            w.force();
            markSynced(syncedAt, i, fs.eventCount());
            continue;
          }
          w.flushWholePages(i * SECOND);
          if (fs.eventCount() == before) {
            flushesHeld++;
          }
          for (CrashFs.Event e : fs.events().subList(before, fs.eventCount())) {
            assertTrue(e instanceof CrashFs.Write, "a whole-page flush does not sync: " + e);
            CrashFs.Write write = (CrashFs.Write) e;
            assertEquals(0, (write.position() + write.bytes().length) % TripLogWriter.PAGE_BYTES, "record " + i
                + ": the write " + write.position() + "+" + write.bytes().length + " ends at a page boundary");
            assertTrue(write.bytes().length > group - TripLogWriter.PAGE_BYTES, "record " + i + ": the write of "
                + write.bytes().length + " bytes holds the group less at most a page");
            pageWrites++;
          }
        }
      }
    }
    markSynced(syncedAt, records - 1, fs.eventCount());
    assertTrue(pageWrites >= 2, "pages written whole before and after the outage: " + pageWrites);
    assertTrue(flushesHeld > 2 * pageWrites, "most flushes write nothing: " + flushesHeld + " held, "
        + pageWrites + " writes");
    checkEveryCut(fs, syncedAt, TripLogPowerCutTest::record);
  }

  /**
   * The time bound of the held bytes: with a group larger than the whole log, bytes flushed while
   * the ground has the records are written once they have waited the bound (here 30 s, a flush
   * every 5 s), and not before; the log on the device then lags its flushes by less than the bound
   * plus a flush interval. What was written and then synced at the close comes back at every cut.
   */
  @Test
  void heldBytesAreWrittenOnceTheyHaveWaitedTheBound() throws Exception {
    int records = 240;
    long boundS = 30;
    CrashFs fs = new CrashFs();
    fs.createDirectories(FILE.getParent());
    List<Integer> syncedAt = new ArrayList<>();
    List<long[]> flushed = new ArrayList<>(); // {second, log bytes after the flush}
    boolean heldLonger = false;
    try (TripLogWriter w = TripLogWriter.open(fs, FILE, 4_000, false)) {
      w.hold(1 << 20, Duration.ofSeconds(boundS));
      for (int i = 0; i < records; i++) {
        w.append(record(i));
        syncedAt.add(Integer.MAX_VALUE);
        if (i % PER_INTERVAL == PER_INTERVAL - 1) {
          w.flushWholePages(i * SECOND);
          flushed.add(new long[] {i, w.sizeBytes()});
          long onDevice = fs.exists(FILE) ? fs.bytes(FILE).length : 0;
          for (long[] f : flushed) {
            long waited = i - f[0];
            if (waited >= boundS) {
              assertTrue(onDevice >= f[1], "at " + i + " s: the " + f[1] + " bytes flushed at " + f[0]
                  + " s have waited " + waited + " s, " + onDevice + " written");
            } else if (onDevice < f[1] && waited >= boundS - PER_INTERVAL) {
              heldLonger = true; // held until the bound, not written a page at a time
            }
          }
        }
      }
    }
    markSynced(syncedAt, records - 1, fs.eventCount());
    assertTrue(heldLonger, "bytes were held until close to the bound");
    checkEveryCut(fs, syncedAt, TripLogPowerCutTest::record);
  }

  private static void markSynced(List<Integer> syncedAt, int upTo, int at) {
    for (int k = 0; k <= upTo; k++) {
      syncedAt.set(k, Math.min(syncedAt.get(k), at));
    }
  }

  /**
   * As {@link #everyCutPointKeepsEverySyncedBlock()}, with the reference pack's telemetry frames as
   * the gateway logs them (v1.2), which the log stores taken apart and range-coded: what a cut keeps
   * still comes back byte for byte, in members whose coding starts afresh after the reopen.
   */
  @Test
  void everyCutPointKeepsEverySyncedFrameByteForByte() throws Exception {
    ReferencePackFrames source = new ReferencePackFrames(0.3);
    List<byte[]> frames = new ArrayList<>();
    for (int i = 0; i < RECORDS; i++) {
      frames.add(LogRecordCodec.wrap(StreamKind.TELEMETRY, source.next().v12().toByteArray()));
    }
    CrashFs fs = new CrashFs();
    fs.createDirectories(FILE.getParent());
    List<Integer> syncedAt = new ArrayList<>();
    try (TripLogWriter w = TripLogWriter.open(fs, FILE, 2_000, true)) { // members of about 2 kB: several finish
      for (int i = 0; i < RECORDS; i++) {
        w.append(frames.get(i));
        syncedAt.add(Integer.MAX_VALUE);
        if (i % PER_INTERVAL == PER_INTERVAL - 1) {
          w.flushBlock();
          markSynced(syncedAt, i, fs.eventCount());
        }
      }
    }
    checkEveryCut(fs, syncedAt, frames::get);
  }

  private static void checkEveryCut(CrashFs fs, List<Integer> syncedAt, IntFunction<byte[]> record) throws Exception {
    int total = syncedAt.size();
    List<CrashFs.Event> events = fs.events();
    int images = 0;
    for (int cut = 0; cut <= events.size(); cut++) {
      List<CrashFs> crashed = new ArrayList<>();
      for (CrashFs.Loss loss : CrashFs.Loss.values()) {
        crashed.add(fs.image(cut, loss));
      }
      if (cut > 0 && events.get(cut - 1) instanceof CrashFs.Write last) {
        for (int kept = 0; kept <= last.bytes().length; kept++) {
          crashed.add(fs.tornImage(cut, kept));
        }
      }
      for (CrashFs image : crashed) {
        images++;
        int synced = 0;
        while (synced < total && syncedAt.get(synced) <= cut) {
          synced++;
        }
        List<byte[]> back = reopenAndRead(image);
        assertTrue(back.size() >= synced, "cut " + cut + ": " + back.size() + " records back, " + synced + " synced");
        assertTrue(back.size() <= total, "cut " + cut);
        for (int i = 0; i < back.size(); i++) {
          assertArrayEquals(record.apply(i), back.get(i), "cut " + cut + ": record " + i);
        }
      }
    }
    assertTrue(images > 1000, "every byte of every block write is tried: " + images);
  }

  private static List<byte[]> reopenAndRead(CrashFs image) throws Exception {
    try (TripLogWriter reopened = TripLogWriter.open(image, FILE, 65_536, true)) {
      assertEquals(reopened.sizeBytes(), image.bytes(FILE).length, "a torn tail is cut at reopen");
    } catch (java.nio.file.NoSuchFileException absent) {
      return List.of();
    }
    List<byte[]> back = new ArrayList<>();
    try (FileIo.Handle h = image.open(FILE, FileIo.OpenMode.READ_ONLY)) {
      TripLogReader.ScanResult scan = TripLogReader.read(h, back::add);
      assertTrue(!scan.tornTail(), "nothing torn is left after the reopen");
    }
    return back;
  }
}
