package io.locolink.gateway.journal;

import static io.locolink.gateway.journal.JournalTest.drain;
import static io.locolink.gateway.journal.JournalTest.payload;
import static io.locolink.gateway.journal.JournalTest.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.config.JournalConfig;
import io.locolink.gateway.framing.StreamKind;
import io.locolink.gateway.storage.FileIo;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged files on open, and a journal at its size limit. */
class JournalDamageTest {

  /** 27-byte header + 2-byte payload ("r0".."r9"). */
  static final int RECORD_BYTES = 29;

  @TempDir Path dir;
  final TestClock clock = new TestClock(Instant.parse("2026-11-25T10:00:00Z"));

  void writeTen(StreamKind kind) throws Exception {
    try (Journal j = Journal.open(dir, JournalConfig.defaults(), clock)) {
      for (int i = 0; i < 10; i++) {
        j.append(kind, j.nextSequence(), payload("r" + i));
      }
    }
  }

  Path onlySegment(StreamKind kind) throws IOException {
    try (var s = Files.list(dir.resolve(kind.topicSuffix()))) {
      List<Path> files = s.toList();
      assertEquals(1, files.size());
      return files.getFirst();
    }
  }

  static List<String> expected(int... indexes) {
    return IntStream.of(indexes).mapToObj(i -> "r" + i).toList();
  }

  @Test
  void tornTailIsCutAndTheRestIsKept() throws Exception {
    writeTen(StreamKind.TELEMETRY);
    Path seg = onlySegment(StreamKind.TELEMETRY);
    try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
      ch.truncate(10L * RECORD_BYTES - 5); // the last record loses its last 5 bytes
    }
    try (Journal j = Journal.open(dir, JournalConfig.defaults(), clock)) {
      RecoveryReport r = j.recovery();
      assertEquals(1, r.tornTails());
      assertEquals(RECORD_BYTES - 5, r.tornTailBytes());
      assertEquals(0, r.damagedRegions());
      assertEquals(expected(0, 1, 2, 3, 4, 5, 6, 7, 8), texts(drain(j, StreamKind.TELEMETRY)));
      assertEquals(9L * RECORD_BYTES, Files.size(seg), "the torn bytes are cut from the file");
      // and the journal carries on
      j.append(StreamKind.TELEMETRY, j.nextSequence(), payload("r9"));
      assertEquals(10, drain(j, StreamKind.TELEMETRY).size());
    }
  }

  @Test
  void zeroFilledTailAfterPowerLossIsCut() throws Exception {
    writeTen(StreamKind.ALARM);
    Path seg = onlySegment(StreamKind.ALARM);
    Files.write(seg, new byte[4096], StandardOpenOption.APPEND);
    try (Journal j = Journal.open(dir, JournalConfig.defaults(), clock)) {
      assertEquals(4096, j.recovery().tornTailBytes());
      assertEquals(expected(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), texts(drain(j, StreamKind.ALARM)));
    }
  }

  @Test
  void flippedBytesInTheMiddleSkipOneRecordAndTheRestIsDelivered() throws Exception {
    writeTen(StreamKind.ENERGY);
    Path seg = onlySegment(StreamKind.ENERGY);
    byte[] data = Files.readAllBytes(seg);
    data[3 * RECORD_BYTES + RecordCodec.HEADER_BYTES] ^= 0x5A; // payload of record 3
    data[6 * RECORD_BYTES + 3] ^= (byte) 0xFF;                  // length field of record 6
    Files.write(seg, data);
    try (Journal j = Journal.open(dir, JournalConfig.defaults(), clock)) {
      RecoveryReport r = j.recovery();
      assertEquals(2, r.damagedRegions());
      assertEquals(2L * RECORD_BYTES, r.damagedBytes());
      assertEquals(0, r.tornTails());
      assertFalse(r.clean());
      assertEquals(expected(0, 1, 2, 4, 5, 7, 8, 9), texts(drain(j, StreamKind.ENERGY)));
    }
  }

  @Test
  void damagedCursorMeansEverythingIsSentAgainNeverAFailedStart() throws Exception {
    try (Journal j = Journal.open(dir, JournalConfig.defaults(), clock)) {
      for (int i = 0; i < 4; i++) {
        long s = j.nextSequence();
        j.append(StreamKind.TRIP, s, payload("r" + i));
        if (i < 2) {
          j.acknowledge(StreamKind.TRIP, s);
        }
      }
    }
    assertTrue(Files.exists(dir.resolve("cursor.slots")));
    Files.writeString(dir.resolve("cursor.slots"), "garbage in both slots ".repeat(200));
    try (Journal j = Journal.open(dir, JournalConfig.defaults(), clock)) {
      assertFalse(j.recovery().cursorRecovered());
      assertEquals(expected(0, 1, 2, 3), texts(drain(j, StreamKind.TRIP)));
    }
  }

  @Test
  void damagedSequenceFloorIsReportedAndTheSequenceDoesNotRepeat() throws Exception {
    long lastIssued;
    try (Journal j = Journal.open(dir, JournalConfig.defaults(), clock)) {
      for (int i = 0; i < 10; i++) {
        j.append(StreamKind.TELEMETRY, j.nextSequence(), payload("r" + i));
      }
      // issued but never stored (e.g. the append failed or the process died before it): must not come again
      for (int i = 0; i < 5; i++) {
        j.nextSequence();
      }
      lastIssued = j.nextSequence();
      assertTrue(j.recovery().sequenceFloorRecovered());
    }
    String text = Files.readString(dir.resolve("sequence"));
    Files.writeString(dir.resolve("sequence"), text.replace("reserved ", "reserved 9")); // checksum now wrong
    try (Journal j = Journal.open(dir, JournalConfig.defaults(), clock)) {
      assertFalse(j.recovery().sequenceFloorRecovered());
      long next = j.nextSequence();
      assertTrue(next > lastIssued, "resumed at " + next + " after " + lastIssued + " had been issued");
      assertTrue(next > 10 + SequenceFloor.BLOCK, "resumed a whole block above the highest stored sequence: " + next);
      j.append(StreamKind.TELEMETRY, next, payload("after"));
    }
    try (Journal j = Journal.open(dir, JournalConfig.defaults(), clock)) {
      assertTrue(j.recovery().sequenceFloorRecovered(), "the floor was rewritten");
      assertEquals(11, texts(drain(j, StreamKind.TELEMETRY)).size());
    }
  }

  @Test
  void unparsableOrMissingSequenceFloorIsAlsoReported() throws Exception {
    writeTen(StreamKind.ENERGY);
    DurableFile.write(FileIo.SYSTEM, dir.resolve("sequence"), "reserved 12x\n"); // checksum right, number not
    try (Journal j = Journal.open(dir, JournalConfig.defaults(), clock)) {
      assertFalse(j.recovery().sequenceFloorRecovered(), "unparsable floor");
      assertTrue(j.nextSequence() > 10 + SequenceFloor.BLOCK);
    }
    Files.delete(dir.resolve("sequence"));
    try (Journal j = Journal.open(dir, JournalConfig.defaults(), clock)) {
      assertFalse(j.recovery().sequenceFloorRecovered(), "missing floor while records are held");
      assertTrue(j.nextSequence() > 10 + SequenceFloor.BLOCK);
    }
  }

  @Test
  void garbageSegmentFileIsReportedAndStartSucceeds() throws Exception {
    writeTen(StreamKind.TELEMETRY);
    Files.write(dir.resolve("telemetry").resolve("99999999999999999999.seg"), payload("not a journal at all"));
    try (Journal j = Journal.open(dir, JournalConfig.defaults(), clock)) {
      assertEquals(1, j.recovery().tornTails());
      assertEquals(10, drain(j, StreamKind.TELEMETRY).size());
    }
  }

  @Test
  void fullJournalThinsOldestTelemetryAndKeepsEveryEnergyAndAlarmRecord() throws Exception {
    // 64 KiB limit in 8 KiB segments; 1000-byte payloads: 7 records per segment
    JournalConfig small = JournalConfig.sized(65_536L, 8192L);
    List<Long> energy = new ArrayList<>();
    List<Long> alarms = new ArrayList<>();
    try (Journal j = Journal.open(dir, small, clock)) {
      for (int i = 0; i < 300; i++) {
        j.append(StreamKind.TELEMETRY, j.nextSequence(), new byte[1000]);
        if (i % 20 == 0) {
          long s = j.nextSequence();
          j.append(StreamKind.ENERGY, s, new byte[1000]);
          energy.add(s);
        }
        if (i % 50 == 0) {
          long s = j.nextSequence();
          j.append(StreamKind.ALARM, s, new byte[200]);
          alarms.add(s);
        }
      }
      JournalStats st = j.stats();
      assertTrue(st.journalBytes() <= 65_536, "bounded: " + st.journalBytes());
      assertEquals(0, st.droppedOther());
      List<JournalRecord> tele = drain(j, StreamKind.TELEMETRY);
      assertEquals(300, tele.size() + st.droppedTelemetry(), "every telemetry record is either held or counted");
      assertTrue(st.droppedTelemetry() > 200);
      // oldest first: what is left is the newest telemetry, contiguous up to the last one
      assertEquals(j.lastSequence(StreamKind.TELEMETRY), tele.getLast().sequence());
      assertEquals(energy, drain(j, StreamKind.ENERGY).stream().map(JournalRecord::sequence).toList());
      assertEquals(alarms, drain(j, StreamKind.ALARM).stream().map(JournalRecord::sequence).toList());
    }
  }

  @Test
  void journalFullOfPreciousRecordsRefusesWithANamedErrorAndCountsIt() throws Exception {
    JournalConfig small = JournalConfig.sized(32_768L, 8192L);
    try (Journal j = Journal.open(dir, small, clock)) {
      int stored = 0;
      JournalFullException full = null;
      for (int i = 0; i < 100 && full == null; i++) {
        try {
          j.append(StreamKind.ENERGY, j.nextSequence(), new byte[1000]);
          stored++;
        } catch (JournalFullException e) {
          full = e;
        }
      }
      assertTrue(full != null && full.getMessage().contains("ENERGY"));
      assertEquals(1, j.stats().droppedOther());
      assertEquals(stored, drain(j, StreamKind.ENERGY).size());
      // telemetry is refused too, counted, and nothing crashes
      assertThrows(JournalFullException.class, () -> j.append(StreamKind.TELEMETRY, j.nextSequence(), new byte[1000]));
      assertEquals(1, j.stats().droppedTelemetry());
    }
  }
}
