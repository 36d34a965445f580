package io.locolink.gateway.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.config.JournalConfig;
import io.locolink.gateway.framing.StreamKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

  @TempDir Path dir;
  final TestClock clock = new TestClock(Instant.parse("2026-11-25T10:00:00Z"));
  final JournalConfig cfg = JournalConfig.defaults();

  static byte[] payload(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static List<JournalRecord> drain(Journal j, StreamKind kind) throws JournalException {
    List<JournalRecord> out = new ArrayList<>();
    long after = 0;
    for (Optional<JournalRecord> r = j.next(kind, after, Long.MAX_VALUE); r.isPresent();
        r = j.next(kind, after, Long.MAX_VALUE)) {
      out.add(r.get());
      after = r.get().sequence();
    }
    return out;
  }

  static List<String> texts(List<JournalRecord> records) {
    return records.stream().map(r -> new String(r.payload(), StandardCharsets.UTF_8)).toList();
  }

  @Test
  void recordsComeBackInOrderPerStreamAndLeaveOnlyWhenAcknowledged() throws Exception {
    try (Journal j = Journal.open(dir, cfg, clock)) {
      long s1 = j.nextSequence();
      j.append(StreamKind.TELEMETRY, s1, payload("t1"));
      long s2 = j.nextSequence();
      j.append(StreamKind.ENERGY, s2, payload("e1"));
      long s3 = j.nextSequence();
      j.append(StreamKind.TELEMETRY, s3, payload("t2"));

      assertEquals(List.of("t1", "t2"), texts(drain(j, StreamKind.TELEMETRY)));
      assertEquals(List.of("e1"), texts(drain(j, StreamKind.ENERGY)));
      assertEquals(3, j.stats().queueDepthRecords());

      j.acknowledge(StreamKind.TELEMETRY, s1);
      assertEquals(List.of("t2"), texts(drain(j, StreamKind.TELEMETRY)));
      assertEquals(2, j.stats().queueDepthRecords());
      // acknowledging twice, or a sequence never stored, changes nothing
      j.acknowledge(StreamKind.TELEMETRY, s1);
      j.acknowledge(StreamKind.TELEMETRY, 999_999);
      assertEquals(2, j.stats().queueDepthRecords());
      // a window: only sequences up to s2 → t2 (s3) is beyond it
      assertTrue(j.next(StreamKind.TELEMETRY, 0, s2).isEmpty());
    }
  }

  @Test
  void newestSequenceTellsWithoutTheLockWhetherAStreamHasAnythingNew() throws Exception {
    long t;
    long e;
    try (Journal j = Journal.open(dir, cfg, clock)) {
      assertEquals(0, j.newestSequence(StreamKind.TELEMETRY));
      t = j.nextSequence();
      j.append(StreamKind.TELEMETRY, t, payload("t1"));
      e = j.nextSequence();
      j.append(StreamKind.ENERGY, e, payload("e1"));
      assertEquals(t, j.newestSequence(StreamKind.TELEMETRY));
      assertEquals(e, j.newestSequence(StreamKind.ENERGY));
      assertEquals(0, j.newestSequence(StreamKind.ALARM));
      j.acknowledge(StreamKind.TELEMETRY, t);  // still the newest appended: a reader after it finds nothing new
      assertEquals(t, j.newestSequence(StreamKind.TELEMETRY));
    }
    try (Journal j = Journal.open(dir, cfg, clock)) {
      assertEquals(e, j.newestSequence(StreamKind.ENERGY), "records held at open count");
    }
  }

  @Test
  void recordsOfEverySizeReadBackWholeAfterReopen() throws Exception {
    // the encode buffer is reused and grown: a small record after a large one must not carry its tail
    byte[] large = new byte[100_000];
    new java.util.SplittableRandom(3).nextBytes(large);
    List<byte[]> written = List.of(payload("a"), new byte[5000], large, payload("small after large"), new byte[0]);
    try (Journal j = Journal.open(dir, cfg, clock)) {
      for (byte[] p : written) {
        j.append(StreamKind.TELEMETRY, j.nextSequence(), p);
      }
    }
    try (Journal j = Journal.open(dir, cfg, clock)) {
      assertTrue(j.recovery().clean(), "every record's CRC holds");
      List<JournalRecord> back = drain(j, StreamKind.TELEMETRY);
      assertEquals(written.size(), back.size());
      for (int i = 0; i < written.size(); i++) {
        assertArrayEquals(written.get(i), back.get(i).payload(), "record " + i);
      }
    }
  }

  @Test
  void batchReadsAndAcknowledgementsTakeManyRecordsAtOnce() throws Exception {
    try (Journal j = Journal.open(dir, cfg, clock)) {
      for (int i = 0; i < 5; i++) {
        j.append(StreamKind.TELEMETRY, j.nextSequence(), payload("t" + i));
      }
      List<JournalRecord> firstTwo = j.next(StreamKind.TELEMETRY, 0, Long.MAX_VALUE, 2);
      assertEquals(List.of("t0", "t1"), texts(firstTwo));
      j.acknowledgeAll(firstTwo);
      assertEquals(List.of("t2", "t3", "t4"), texts(j.next(StreamKind.TELEMETRY, 0, Long.MAX_VALUE, 10)));
      assertEquals(3, j.stats().queueDepthRecords());
    }
  }

  @Test
  void telemetryIsInTheFileWhenAppendReturnsWithoutAnySync() throws Exception {
    // a window far longer than the test: no periodic sync runs, so only append itself can have written
    JournalConfig slow = new JournalConfig(60_000, null, null, null, null);
    try (Journal j = Journal.open(dir, slow, clock)) {
      j.append(StreamKind.TELEMETRY, j.nextSequence(), new byte[100]);
      Path seg = segments(StreamKind.TELEMETRY).getFirst();
      assertEquals(27 + 100, Files.size(seg), "27-byte header + payload handed to the OS by append");
      j.append(StreamKind.TELEMETRY, j.nextSequence(), new byte[50]);
      assertEquals(27 + 100 + 27 + 50, Files.size(seg));
    }
  }

  @Test
  void preciousRecordsAreInTheFileWhenAppendReturns() throws Exception {
    try (Journal j = Journal.open(dir, cfg, clock)) {
      j.append(StreamKind.ALARM, j.nextSequence(), new byte[100]);
      assertEquals(127, Files.size(segments(StreamKind.ALARM).getFirst()));
    }
  }

  @Test
  void sequenceIsStrictlyIncreasingAcrossRestarts() throws Exception {
    long last;
    try (Journal j = Journal.open(dir, cfg, clock)) {
      long a = j.nextSequence();
      long b = j.nextSequence();
      assertTrue(b > a);
      j.append(StreamKind.TELEMETRY, b, payload("x"));
      last = j.nextSequence(); // issued but never appended: must still never repeat
    }
    try (Journal j = Journal.open(dir, cfg, clock)) {
      assertTrue(j.nextSequence() > last);
    }
  }

  @Test
  void sequenceIsNotRepeatedWhenTheFloorFileIsLostButRecordsRemain() throws Exception {
    long s;
    try (Journal j = Journal.open(dir, cfg, clock)) {
      s = j.nextSequence();
      j.append(StreamKind.ALARM, s, payload("a"));
    }
    Files.delete(dir.resolve("sequence"));
    try (Journal j = Journal.open(dir, cfg, clock)) {
      assertTrue(j.nextSequence() > s);
    }
  }

  @Test
  void acknowledgementsSurviveARestart() throws Exception {
    try (Journal j = Journal.open(dir, cfg, clock)) {
      for (int i = 0; i < 10; i++) {
        long s = j.nextSequence();
        j.append(StreamKind.TELEMETRY, s, payload("t" + i));
        if (i % 2 == 0) {
          j.acknowledge(StreamKind.TELEMETRY, s);
        }
      }
    }
    try (Journal j = Journal.open(dir, cfg, clock)) {
      assertTrue(j.recovery().clean());
      assertTrue(j.recovery().cursorRecovered());
      assertEquals(List.of("t1", "t3", "t5", "t7", "t9"), texts(drain(j, StreamKind.TELEMETRY)));
      assertEquals(5, j.stats().queueDepthRecords());
    }
  }

  @Test
  void outOfOrderSequenceIsRefused() throws Exception {
    try (Journal j = Journal.open(dir, cfg, clock)) {
      long a = j.nextSequence();
      long b = j.nextSequence();
      j.append(StreamKind.TELEMETRY, b, payload("b"));
      assertThrows(IllegalArgumentException.class, () -> j.append(StreamKind.TELEMETRY, a, payload("a")));
      assertThrows(IllegalArgumentException.class, () -> j.append(StreamKind.ENERGY, b + 5, payload("never issued")));
    }
  }

  @Test
  void oldestUnsentAgeFollowsTheClock() throws Exception {
    try (Journal j = Journal.open(dir, cfg, clock)) {
      assertEquals(Duration.ZERO, j.stats().oldestUnsentAge());
      long s = j.nextSequence();
      j.append(StreamKind.ENERGY, s, payload("e"));
      clock.advance(Duration.ofSeconds(90));
      j.append(StreamKind.TELEMETRY, j.nextSequence(), payload("t"));
      assertEquals(Duration.ofSeconds(90), j.stats().oldestUnsentAge());
      j.acknowledge(StreamKind.ENERGY, s);
      assertEquals(Duration.ZERO, j.stats().oldestUnsentAge());
    }
  }

  @Test
  void bytesWrittenTodayCountsRecordsAndStartsAgainAtUtcMidnight() throws Exception {
    TestClock late = new TestClock(Instant.parse("2026-11-25T23:59:00Z"));
    try (Journal j = Journal.open(dir, cfg, late)) {
      j.nextSequence(); // reserves a block: writes the sequence file
      long before = j.stats().bytesWrittenToday();
      j.append(StreamKind.TELEMETRY, j.nextSequence(), new byte[1000]);
      // 1000 payload bytes + 27 header bytes (magic 2, length 4, crc 4, kind 1, sequence 8, time 8)
      assertEquals(before + 1027, j.stats().bytesWrittenToday());
      late.advance(Duration.ofMinutes(2));
      assertEquals(0, j.stats().bytesWrittenToday());
    }
  }

  @Test
  void largePayloadsRoundTripAcrossSegmentRolls() throws Exception {
    JournalConfig small = JournalConfig.sized(1L << 20, 8192L);
    List<byte[]> sent = new ArrayList<>();
    try (Journal j = Journal.open(dir, small, clock)) {
      for (int i = 0; i < 40; i++) {
        byte[] p = new byte[1000];
        java.util.Arrays.fill(p, (byte) i);
        sent.add(p);
        j.append(StreamKind.TELEMETRY, j.nextSequence(), p);
      }
    }
    try (Journal j = Journal.open(dir, small, clock)) {
      List<JournalRecord> got = drain(j, StreamKind.TELEMETRY);
      assertEquals(40, got.size());
      for (int i = 0; i < 40; i++) {
        assertArrayEquals(sent.get(i), got.get(i).payload());
      }
      assertTrue(Files.list(dir.resolve("telemetry")).count() >= 5, "8 KiB segments hold 7 records each");
    }
  }

  @Test
  void fullyAcknowledgedSegmentsAreDeleted() throws Exception {
    JournalConfig small = JournalConfig.sized(1L << 20, 8192L);
    try (Journal j = Journal.open(dir, small, clock)) {
      for (int i = 0; i < 40; i++) {
        long s = j.nextSequence();
        j.append(StreamKind.TELEMETRY, s, new byte[1000]);
        j.acknowledge(StreamKind.TELEMETRY, s);
      }
      j.sync();
      assertEquals(1, segments(StreamKind.TELEMETRY).size(), "only the segment being written stays");
      assertEquals(0, j.stats().queueDepthRecords());
    }
  }

  /** A clock that throws an {@link Error} from the next {@code millis()} once armed. */
  static final class FailingClock implements java.time.InstantSource {
    final TestClock delegate;
    final java.util.concurrent.atomic.AtomicBoolean armed = new java.util.concurrent.atomic.AtomicBoolean();
    final java.util.concurrent.CountDownLatch thrown = new java.util.concurrent.CountDownLatch(1);

    FailingClock(TestClock delegate) {
      this.delegate = delegate;
    }

    @Override
    public Instant instant() {
      if (armed.compareAndSet(true, false)) {
        thrown.countDown();
        throw new StackOverflowError("test: an Error inside the periodic sync");
      }
      return delegate.instant();
    }
  }

  @Test
  void anErrorInThePeriodicSyncDoesNotStopLaterSyncs() throws Exception {
    FailingClock failing = new FailingClock(clock);
    JournalConfig fast = new JournalConfig(20, null, null, null, 10);
    try (Journal j = Journal.open(dir, fast, failing)) {
      long s = j.nextSequence();
      j.append(StreamKind.TRIP, s, payload("t"));
      failing.armed.set(true); // the next clock reading is the periodic sync's, deciding whether to write the cursor
      j.acknowledge(StreamKind.TRIP, s);
      assertTrue(failing.thrown.await(30, java.util.concurrent.TimeUnit.SECONDS), "the periodic sync met the Error");
      // a later periodic run (no explicit sync) still writes the acknowledgement to the cursor file
      String expected = "TRIP " + s + "-" + s;
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (!cursorText().contains(expected) && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertTrue(cursorText().contains(expected), "cursor after the Error: " + cursorText());
    }
  }

  String cursorText() throws IOException {
    Path slots = dir.resolve("cursor.slots");
    return Files.exists(slots) ? CursorSlots.newestText(Files.readAllBytes(slots)) : "";
  }

  List<Path> segments(StreamKind kind) throws IOException {
    try (var s = Files.list(dir.resolve(kind.topicSuffix()))) {
      return s.filter(p -> p.toString().endsWith(".seg")).sorted().toList();
    }
  }

  @Test
  void yamlBindsAndValidationNamesTheKey() {
    JournalConfig c = io.locolink.gateway.config.ConfigLoader.parse(
        "telemetrySyncWindowMs: 250\nmaxBytes: 1048576\nsegmentBytes: 65536\n", JournalConfig.class);
    assertEquals(250, (int) c.telemetrySyncWindowMs());
    assertEquals(1_048_576L, (long) c.maxBytes());
    assertEquals(65_536 - 27, (int) c.maxRecordBytes());
    var e = assertThrows(io.locolink.gateway.config.ConfigException.class,
        () -> JournalConfig.sized(100_000L, 65_536L));
    assertEquals("maxBytes", e.key());
    assertFalse(e.problem().isEmpty());
  }
}
