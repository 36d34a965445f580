package io.locolink.gateway.journal;

import static io.locolink.gateway.journal.JournalTest.drain;
import static io.locolink.gateway.journal.JournalTest.payload;
import static io.locolink.gateway.journal.JournalTest.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.config.JournalConfig;
import io.locolink.gateway.framing.StreamKind;
import io.locolink.gateway.storage.CrashFs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.locolink.gateway.storage.FileIo;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The telemetry lane in a volatile directory (tmpfs, see {@link JournalConfig#volatileDir()}),
 * through {@link CrashFs}: telemetry the broker acknowledges in time never reaches the card; a
 * record still unacknowledged at its window's end is on the card after a power cut (which empties
 * the volatile directory); a crash of the process, at any step of a move to the card too, loses
 * nothing and repeats nothing.
 */
class JournalVolatileDirTest {

  static final Path DIR = Path.of("state", "journal");
  static final Path RUN = Path.of("run");
  /** No periodic sync runs by itself (60 s): the test runs the ticks. */
  static final JournalConfig CFG =
      new JournalConfig(60_000, null, null, null, 60_000).withVolatileDir(RUN.resolve("journal"));

  final TestClock clock = new TestClock(Instant.parse("2026-11-25T10:00:00Z"));

  /** Bytes written to files whose path starts with {@code prefix}, from the recorded events. */
  static long bytesWrittenUnder(CrashFs fs, Path prefix) {
    long n = 0;
    for (CrashFs.Event e : fs.events()) {
      if (e instanceof CrashFs.Write w && w.path().startsWith(prefix)) {
        n += w.bytes().length;
      }
    }
    return n;
  }

  static List<Long> sequences(List<JournalRecord> records) {
    return records.stream().map(JournalRecord::sequence).toList();
  }

  @Test
  void telemetryAcknowledgedInTimeNeverReachesTheCard() throws Exception {
    CrashFs fs = new CrashFs();
    try (Journal j = Journal.open(DIR, CFG, clock, fs)) {
      for (int i = 0; i < 50; i++) {
        long s = j.nextSequence();
        j.append(StreamKind.TELEMETRY, s, payload("t" + i));
        j.syncTick();
        j.acknowledge(StreamKind.TELEMETRY, s); // the broker answers within half a window
        clock.advance(Duration.ofSeconds(1));
        j.syncTick();
      }
    }
    assertEquals(0, bytesWrittenUnder(fs, DIR.resolve("telemetry")), "telemetry bytes written to the card");
    assertEquals(0, bytesWrittenUnder(fs, DIR.resolve(CursorStore.FILE_NAME)), "card cursor bytes");
    assertTrue(bytesWrittenUnder(fs, RUN.resolve("journal").resolve("telemetry")) > 50 * (RecordCodec.HEADER_BYTES + 2));
  }

  @Test
  void aRecordUnacknowledgedAtItsWindowsEndSurvivesAPowerCutOnTheCard() throws Exception {
    CrashFs fs = new CrashFs();
    Journal j = Journal.open(DIR, CFG, clock, fs);
    List<Long> unacked = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      long s = j.nextSequence();
      j.append(StreamKind.TELEMETRY, s, payload("t" + s));
      if (i < 5) {
        j.acknowledge(StreamKind.TELEMETRY, s);
      } else {
        unacked.add(s); // the link went down
      }
    }
    j.syncTick(); // appended before this tick: due at the next one
    assertEquals(0, bytesWrittenUnder(fs, DIR.resolve("telemetry")));
    j.syncTick(); // their window ends: the segment goes to the card, synced
    CrashFs rebooted = fs.image(fs.eventCount(), CrashFs.Loss.LOST).withoutFilesUnder(RUN);
    try (Journal after = Journal.open(DIR, CFG, clock, rebooted)) {
      List<Long> pending = sequences(drain(after, StreamKind.TELEMETRY));
      assertTrue(pending.containsAll(unacked), "unacknowledged records after the power cut: " + pending);
      for (JournalRecord r : drain(after, StreamKind.TELEMETRY)) {
        assertEquals("t" + r.sequence(), texts(List.of(r)).getFirst());
      }
    }
    // later appends go on on the card while the outage lasts, synced at their window's end
    long s = j.nextSequence();
    j.append(StreamKind.TELEMETRY, s, payload("t" + s));
    unacked.add(s);
    j.syncTick();
    j.syncTick();
    rebooted = fs.image(fs.eventCount(), CrashFs.Loss.LOST).withoutFilesUnder(RUN);
    try (Journal after = Journal.open(DIR, CFG, clock, rebooted)) {
      assertTrue(sequences(drain(after, StreamKind.TELEMETRY)).containsAll(unacked));
    }
    j.close();
  }

  @Test
  void onceTheGroundHasCaughtUpTelemetryIsInMemoryAgain() throws Exception {
    CrashFs fs = new CrashFs();
    try (Journal j = Journal.open(DIR, CFG, clock, fs)) {
      List<Long> outage = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        long s = j.nextSequence();
        j.append(StreamKind.TELEMETRY, s, payload("t" + s));
        outage.add(s);
      }
      j.syncTick();
      j.syncTick(); // due: moved to the card
      assertTrue(fs.files().stream().anyMatch(p -> p.startsWith(DIR.resolve("telemetry"))));
      for (long s : outage) {
        j.acknowledge(StreamKind.TELEMETRY, s); // the link is back
      }
      j.syncTick();
      assertFalse(fs.files().stream().anyMatch(p -> p.startsWith(DIR.resolve("telemetry"))),
          "the acknowledged segment on the card is deleted: " + fs.files());
      long before = bytesWrittenUnder(fs, DIR.resolve("telemetry"));
      long s = j.nextSequence();
      j.append(StreamKind.TELEMETRY, s, payload("t" + s));
      assertEquals(before, bytesWrittenUnder(fs, DIR.resolve("telemetry")), "appended on the card");
      assertEquals(List.of(s), sequences(drain(j, StreamKind.TELEMETRY)));
    }
  }

  @Test
  void closeMovesUnacknowledgedTelemetryToTheCard() throws Exception {
    CrashFs fs = new CrashFs();
    long kept;
    try (Journal j = Journal.open(DIR, CFG, clock, fs)) {
      long acked = j.nextSequence();
      j.append(StreamKind.TELEMETRY, acked, payload("acked"));
      j.acknowledge(StreamKind.TELEMETRY, acked);
      kept = j.nextSequence();
      j.append(StreamKind.TELEMETRY, kept, payload("kept"));
    }
    try (Journal after = Journal.open(DIR, CFG, clock, fs.image(fs.eventCount(), CrashFs.Loss.LOST)
        .withoutFilesUnder(RUN))) {
      assertEquals(List.of(kept), sequences(drain(after, StreamKind.TELEMETRY)));
    }
  }

  @Test
  void aCrashOfTheProcessLosesNothingInMemoryAndTheNextRunGoesOn() throws Exception {
    CrashFs fs = new CrashFs();
    Journal j = Journal.open(DIR, CFG, clock, fs);
    List<Long> all = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      long s = j.nextSequence();
      j.append(StreamKind.TELEMETRY, s, payload("t" + s));
      all.add(s);
      if (i < 4) {
        j.acknowledge(StreamKind.TELEMETRY, s);
      }
    }
    clock.advance(Duration.ofSeconds(61)); // past ackPersistIntervalMs: this tick writes the cursor
    j.syncTick();
    // the process dies: no close; the volatile directory stays as the page cache holds it
    CrashFs crashed = fs.image(fs.eventCount(), CrashFs.Loss.KEPT);
    List<Long> next = new ArrayList<>();
    try (Journal after = Journal.open(DIR, CFG, clock, crashed)) {
      assertTrue(after.recovery().clean(), "recovery: " + after.recovery());
      assertEquals(all.subList(4, 10), sequences(drain(after, StreamKind.TELEMETRY)));
      for (int i = 0; i < 3; i++) {
        long s = after.nextSequence();
        assertTrue(s > all.getLast());
        after.append(StreamKind.TELEMETRY, s, payload("t" + s));
        next.add(s);
      }
      List<Long> expected = new ArrayList<>(all.subList(4, 10));
      expected.addAll(next);
      assertEquals(expected, sequences(drain(after, StreamKind.TELEMETRY)));
    }
    j.close();
  }

  @Test
  void aCrashAtAnyStepOfAMoveToTheCardKeepsEveryRecordOnce() throws Exception {
    CrashFs fs = new CrashFs();
    Journal j = Journal.open(DIR, CFG, clock, fs);
    Map<Long, String> payloads = new HashMap<>();
    for (int i = 0; i < 12; i++) {
      long s = j.nextSequence();
      j.append(StreamKind.TELEMETRY, s, payload("t" + s + "-" + "x".repeat(i * 7)));
      payloads.put(s, "t" + s + "-" + "x".repeat(i * 7));
    }
    j.syncTick();
    int before = fs.eventCount();
    j.syncTick(); // nothing acknowledged: the move
    int after = fs.eventCount();
    assertTrue(after - before >= 4, "a copy, a sync, a rename and a delete; got " + (after - before) + " events");
    List<Long> expected = payloads.keySet().stream().sorted().toList();
    for (int cut = before; cut <= after; cut++) {
      try (Journal reopened = Journal.open(DIR, CFG, clock, fs.image(cut, CrashFs.Loss.KEPT))) {
        List<JournalRecord> pending = drain(reopened, StreamKind.TELEMETRY);
        assertEquals(expected, sequences(pending), "crash before event " + cut);
        for (JournalRecord r : pending) {
          assertEquals(payloads.get(r.sequence()), texts(List.of(r)).getFirst());
        }
        assertFalse(reopened.recovery().damagedRegions() > 0 || reopened.recovery().tornTails() > 0,
            "crash before event " + cut + ": " + reopened.recovery());
      }
    }
    j.close();
  }

  @Test
  void aVolatileDirectoryThatCannotBeMadeLeavesTelemetryOnTheCard(@TempDir Path tmp) throws Exception {
    Path notADirectory = Files.writeString(tmp.resolve("run"), "a file where the runtime directory should be");
    JournalConfig cfg = new JournalConfig(60_000, null, null, null, 60_000)
        .withVolatileDir(notADirectory.resolve("journal"));
    Path card = tmp.resolve("state").resolve("journal");
    try (Journal j = Journal.open(card, cfg, clock, FileIo.SYSTEM)) {
      j.append(StreamKind.TELEMETRY, j.nextSequence(), payload("unacknowledged"));
      j.sync();
    }
    assertTrue(Files.isRegularFile(notADirectory), "the file in the way is left alone");
    // opened again with no volatile directory at all: the record was on the card
    try (Journal j = Journal.open(card, JournalConfig.defaults(), clock, FileIo.SYSTEM)) {
      assertEquals(List.of("unacknowledged"), texts(drain(j, StreamKind.TELEMETRY)));
    }
  }
}
