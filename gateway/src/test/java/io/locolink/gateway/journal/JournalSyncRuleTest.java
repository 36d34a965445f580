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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * The periodic sync rule (a telemetry record is synced within its window only if the broker has
 * not acknowledged it by then) and the cursor written in place, through {@link CrashFs}: which
 * syncs happen, and what a power cut leaves.
 */
class JournalSyncRuleTest {

  static final Path DIR = Path.of("state", "journal");
  /** No periodic sync runs by itself (60 s): the test runs the ticks. */
  static final JournalConfig RULE = new JournalConfig(60_000, null, null, null, 60_000);
  static final JournalConfig EVERY_WINDOW = new JournalConfig(60_000, null, null, null, 60_000, true);

  final TestClock clock = new TestClock(Instant.parse("2026-11-25T10:00:00Z"));

  /** Syncs of files whose path contains {@code part}, counted from the recorded events. */
  static int forces(CrashFs fs, String part) {
    Map<Integer, Path> paths = new HashMap<>();
    int n = 0;
    for (CrashFs.Event e : fs.events()) {
      if (e instanceof CrashFs.Create c) {
        paths.put(c.inode(), c.path());
      } else if (e instanceof CrashFs.Force f && paths.get(f.inode()).toString().contains(part)) {
        n++;
      }
    }
    return n;
  }

  @Test
  void telemetryAcknowledgedBeforeItsWindowEndsIsNeverSynced() throws Exception {
    CrashFs fs = new CrashFs();
    try (Journal j = Journal.open(DIR, RULE, clock, fs)) {
      for (int i = 0; i < 20; i++) {
        long s = j.nextSequence();
        j.append(StreamKind.TELEMETRY, s, payload("t" + i));
        j.syncTick();
        j.acknowledge(StreamKind.TELEMETRY, s); // the broker answers within half a window
      }
      j.syncTick();
      j.syncTick();
      assertEquals(0, forces(fs, "telemetry"), "no telemetry segment sync while the broker keeps up");
    }
  }

  @Test
  void telemetryStillUnacknowledgedWhenItsWindowEndsIsSyncedThen() throws Exception {
    CrashFs fs = new CrashFs();
    try (Journal j = Journal.open(DIR, RULE, clock, fs)) {
      j.append(StreamKind.TELEMETRY, j.nextSequence(), payload("a"));
      j.syncTick();
      assertEquals(0, forces(fs, "telemetry"), "appended after the previous tick: half a window left");
      j.syncTick();
      assertEquals(1, forces(fs, "telemetry"), "a whole window unacknowledged: synced at this tick");
      try (Journal after = Journal.open(DIR, RULE, clock, fs.image(fs.eventCount(), CrashFs.Loss.LOST))) {
        assertEquals(List.of("a"), texts(drain(after, StreamKind.TELEMETRY)), "a power cut now keeps it");
      }
      j.syncTick();
      assertEquals(1, forces(fs, "telemetry"), "nothing new: no second sync");
    }
  }

  @Test
  void oneUnacknowledgedRecordSyncsAcknowledgedNeighboursWithIt() throws Exception {
    CrashFs fs = new CrashFs();
    try (Journal j = Journal.open(DIR, RULE, clock, fs)) {
      long a = j.nextSequence();
      j.append(StreamKind.TELEMETRY, a, payload("a"));
      long b = j.nextSequence();
      j.append(StreamKind.TELEMETRY, b, payload("b"));
      j.syncTick();
      j.acknowledge(StreamKind.TELEMETRY, a);
      j.syncTick();
      assertEquals(1, forces(fs, "telemetry"), "b is due and unacknowledged");
    }
  }

  @Test
  void syncAcknowledgedSyncsEveryWindowAsBefore() throws Exception {
    CrashFs fs = new CrashFs();
    try (Journal j = Journal.open(DIR, EVERY_WINDOW, clock, fs)) {
      long s = j.nextSequence();
      j.append(StreamKind.TELEMETRY, s, payload("a"));
      j.acknowledge(StreamKind.TELEMETRY, s);
      j.syncTick();
      assertEquals(1, forces(fs, "telemetry"));
    }
  }

  @Test
  void theCursorIsWrittenInPlaceAndATornSlotLeavesThePreviousOne() throws Exception {
    CrashFs fs = new CrashFs();
    int secondCursorWrite;
    try (Journal j = Journal.open(DIR, RULE, clock, fs)) {
      List<Long> seqs = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        seqs.add(j.nextSequence());
        j.append(StreamKind.TRIP, seqs.get(i), payload("r" + i));
      }
      j.acknowledge(StreamKind.TRIP, seqs.get(0));
      j.sync();
      j.acknowledge(StreamKind.TRIP, seqs.get(1));
      j.sync();
      secondCursorWrite = lastWriteTo(fs, "cursor.slots");
    }
    assertTrue(fs.events().stream().noneMatch(e -> e instanceof CrashFs.Rename r
        && r.to().getFileName().toString().startsWith("cursor")), "the cursor is not replaced by a rename");
    assertEquals(4096, fs.bytes(DIR.resolve("cursor.slots")).length, "the cursor file keeps its one page");
    CrashFs.Write w = (CrashFs.Write) fs.events().get(secondCursorWrite);
    for (int kept = 0; kept < w.bytes().length; kept++) {
      try (Journal j = Journal.open(DIR, RULE, clock, fs.tornImage(secondCursorWrite + 1, kept))) {
        assertEquals(List.of("r1", "r2"), texts(drain(j, StreamKind.TRIP)),
            "second cursor write torn after " + kept + " bytes: the first one holds");
        assertTrue(j.recovery().cursorRecovered());
      }
    }
    try (Journal j = Journal.open(DIR, RULE, clock, fs.image(fs.eventCount(), CrashFs.Loss.LOST))) {
      assertEquals(List.of("r2"), texts(drain(j, StreamKind.TRIP)), "both acknowledgements kept after close");
    }
  }

  static int lastWriteTo(CrashFs fs, String name) {
    List<CrashFs.Event> events = fs.events();
    for (int i = events.size() - 1; i >= 0; i--) {
      if (events.get(i) instanceof CrashFs.Write w && w.path().getFileName().toString().equals(name)) {
        return i;
      }
    }
    throw new AssertionError("no write to " + name);
  }

  @Test
  void theCursorOfEarlierVersionsIsStillReadAndThenRetired() throws Exception {
    CrashFs fs = new CrashFs();
    List<Long> seqs = new ArrayList<>();
    try (Journal j = Journal.open(DIR, RULE, clock, fs)) {
      for (int i = 0; i < 4; i++) {
        seqs.add(j.nextSequence());
        j.append(StreamKind.ENERGY, seqs.get(i), payload("e" + i));
      }
    }
    // the earlier format: the text, then "crc32c=" and the CRC32C of the text in hex, replaced by rename
    String text = "locolink-journal-cursor 1\nENERGY " + seqs.get(0) + "-" + seqs.get(1) + "\n";
    CRC32C crc = new CRC32C();
    crc.update(text.getBytes(StandardCharsets.UTF_8));
    String old = text + "crc32c=" + HexFormat.of().toHexDigits((int) crc.getValue()) + "\n";
    assertFalse(fs.files().contains(DIR.resolve("cursor.slots")), "nothing acknowledged: no cursor written");
    CrashFs upgraded = fs.withFile(DIR.resolve("cursor"), old.getBytes(StandardCharsets.UTF_8));
    try (Journal j = Journal.open(DIR, RULE, clock, upgraded)) {
      assertTrue(j.recovery().cursorRecovered());
      assertEquals(List.of("e2", "e3"), texts(drain(j, StreamKind.ENERGY)), "acknowledged per the old cursor");
      j.acknowledge(StreamKind.ENERGY, seqs.get(2));
      j.sync();
    }
    assertFalse(upgraded.files().contains(DIR.resolve("cursor")), "the old cursor goes once the slots hold");
    try (Journal j = Journal.open(DIR, RULE, clock, upgraded.image(upgraded.eventCount(), CrashFs.Loss.LOST))) {
      assertEquals(List.of("e3"), texts(drain(j, StreamKind.ENERGY)));
    }
  }

  @Test
  void aCursorTooLongForItsSlotKeepsTheNewestRanges() throws Exception {
    CrashFs fs = new CrashFs();
    List<Long> seqs = new ArrayList<>();
    try (Journal j = Journal.open(DIR, RULE, clock, fs)) {
      for (int i = 0; i < 600; i++) {
        seqs.add(j.nextSequence());
        j.append(StreamKind.TELEMETRY, seqs.get(i), payload("t" + i));
        if (i % 2 == 0) {
          j.acknowledge(StreamKind.TELEMETRY, seqs.get(i)); // 300 separate ranges: too many for 2 KiB
        }
      }
    }
    byte[] slots = fs.bytes(DIR.resolve("cursor.slots"));
    String text = CursorSlots.newestText(slots);
    assertTrue(text.getBytes(StandardCharsets.UTF_8).length <= 2048 - 20, "the text fits its slot");
    assertTrue(text.contains(" " + seqs.get(598) + "-" + seqs.get(598)), "the newest range is kept: " + text);
    try (Journal j = Journal.open(DIR, RULE, clock, fs.image(fs.eventCount(), CrashFs.Loss.LOST))) {
      List<String> again = texts(drain(j, StreamKind.TELEMETRY));
      for (int i = 1; i < 600; i += 2) {
        assertTrue(again.contains("t" + i), "unacknowledged t" + i + " is sent");
      }
      assertFalse(again.contains("t598"), "the newest acknowledged are not sent again");
      assertTrue(again.contains("t0"), "the oldest acknowledged are sent again: duplicates, not a loss");
    }
  }

  @Test
  void otherFilesSyncWithTheJournalWhenItSyncsWhatTheGroundLacks() throws Exception {
    CrashFs fs = new CrashFs();
    java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
    try (Journal j = Journal.open(DIR, RULE, clock, fs)) {
      j.addSyncListener(runs::incrementAndGet);
      long a = j.nextSequence();
      j.append(StreamKind.TELEMETRY, a, payload("a"));
      j.syncTick();
      j.acknowledge(StreamKind.TELEMETRY, a);
      j.syncTick();
      assertEquals(0, runs.get(), "nothing synced: the listener does not run");
      j.append(StreamKind.TELEMETRY, j.nextSequence(), payload("b"));
      j.syncTick();
      j.syncTick();
      assertEquals(1, runs.get(), "the tick that synced b runs it");
    }
  }

  @Test
  void theGroundIsBehindWhileARecordOlderThanTheWindowIsUnacknowledged() throws Exception {
    try (Journal j = Journal.open(DIR, RULE, clock, new CrashFs())) {
      assertFalse(j.groundBehind(), "empty journal");
      long a = j.nextSequence();
      j.append(StreamKind.TELEMETRY, a, payload("a"));
      clock.advance(java.time.Duration.ofMillis(59_999));
      assertFalse(j.groundBehind(), "within its 60 s window");
      clock.advance(java.time.Duration.ofMillis(2));
      assertTrue(j.groundBehind(), "older than the window and unacknowledged");
      j.acknowledge(StreamKind.TELEMETRY, a);
      assertFalse(j.groundBehind(), "acknowledged");
    }
  }
}
