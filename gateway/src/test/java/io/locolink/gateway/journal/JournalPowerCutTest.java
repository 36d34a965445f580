package io.locolink.gateway.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.locolink.gateway.config.JournalConfig;
import io.locolink.gateway.framing.StreamKind;
import io.locolink.gateway.storage.CrashFs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A power cut at every write and sync of a small journal's life (through {@link CrashFs}): at every
 * cut point the unsynced bytes are lost, kept, zeroed, or torn at every byte of the last write, the
 * journal is reopened on what is left and the guarantees are checked, including what the new boot
 * states about the previous one. The periodic sync rule is checked as the workload runs: a record
 * still unacknowledged when its window ends is synced then; an acknowledged one may stay unsynced,
 * and a cut may lose it, but never brings back other content under its sequence.
 */
class JournalPowerCutTest {

  static final Path DIR = Path.of("state", "journal");
  /** The periodic sync never fires during a test (60 s window): syncs happen where the workload calls them. */
  static final JournalConfig CFG = new JournalConfig(60_000, 16_384L, 4096L, null, 60_000);
  static final int APPENDS = 90;
  static final long BOOT = 0x5eed_b007_0000_0001L;

  final TestClock clock = new TestClock(Instant.parse("2026-11-25T10:00:00Z"));

  /** One appended record, the event count from which it is durable and the one when the broker acknowledged it. */
  static final class Written {
    final StreamKind kind;
    final long sequence;
    final byte[] payload;
    int durableAt = Integer.MAX_VALUE;
    int ackedAt = Integer.MAX_VALUE;
    int appendedAt;

    Written(StreamKind kind, long sequence, byte[] payload) {
      this.kind = kind;
      this.sequence = sequence;
      this.payload = payload;
    }
  }

  /** A sequence handed out and the event count when {@code nextSequence()} returned it. */
  record Issued(long sequence, int at) {}

  static StreamKind kindOf(int i) {
    return i % 5 == 2 ? StreamKind.ENERGY : i % 11 == 3 ? StreamKind.ALARM : StreamKind.TELEMETRY;
  }

  /** Payloads of 10 to 60 bytes, each naming its sequence so no two records are alike. */
  static byte[] payloadOf(long sequence, int i) {
    String head = "seq=" + sequence + ";";
    StringBuilder sb = new StringBuilder(head);
    for (int k = 0; k < (i * 37) % 51; k++) {
      sb.append((char) ('a' + (i + k) % 26));
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Runs the workload: appends of three kinds, acknowledgements of older records, a periodic sync
   * tick every 3 appends and an explicit sync every 9.
   */
  final class Workload {
    final CrashFs fs = new CrashFs();
    final List<Written> written = new ArrayList<>();
    final List<Issued> issued = new ArrayList<>();
    int bootRecordedAt;
    /** Event count at the previous tick. */
    int previousTickAt;
    int ticksThatSynced;
    int ticksThatSkippedAcknowledged;

    Workload run() throws Exception {
      try (Journal j = Journal.open(DIR, CFG, clock, fs)) {
        assertEquals(new BootHandover(0, 0, 1), j.beginBoot(BOOT));
        bootRecordedAt = fs.eventCount();
        for (int i = 0; i < APPENDS; i++) {
          clock.advance(Duration.ofMillis(100));
          long seq = j.nextSequence();
          issued.add(new Issued(seq, fs.eventCount()));
          Written w = new Written(kindOf(i), seq, payloadOf(seq, i));
          w.appendedAt = fs.eventCount();
          j.append(w.kind, seq, w.payload);
          written.add(w);
          if (w.kind.precious()) {
            w.durableAt = fs.eventCount();
          }
          // the broker acknowledged the records appended before the last two, or (slower) the last four
          int unanswered = i % 8 == 3 ? 2 : i % 6 == 5 ? 4 : -1;
          if (unanswered > 0) {
            for (Written old : written.subList(0, written.size() - unanswered)) {
              if (old.ackedAt == Integer.MAX_VALUE) {
                j.acknowledge(old.kind, old.sequence);
                old.ackedAt = fs.eventCount();
              }
            }
          }
          if (i % 3 == 1) {
            tick(j);
          }
          if (i % 9 == 8) {
            j.sync();
            markDurable();
          }
        }
      }
      markDurable(); // close syncs
      return this;
    }

    /**
     * One periodic tick. Records of a segment it synced are durable from then on. The rule: every
     * record appended before the previous tick and not acknowledged by now is durable after it.
     */
    private void tick(Journal j) throws Exception {
      int before = fs.eventCount();
      j.syncTick();
      int now = fs.eventCount();
      Map<Integer, String> laneOf = new HashMap<>();
      boolean syncedTelemetry = false;
      List<CrashFs.Event> events = fs.events();
      for (int e = 0; e < now; e++) {
        if (events.get(e) instanceof CrashFs.Create c) {
          laneOf.put(c.inode(), c.path().getParent().getFileName().toString());
        } else if (e >= before && events.get(e) instanceof CrashFs.Force f) {
          String lane = laneOf.get(f.inode());
          for (Written w : written) {
            if (w.kind.name().toLowerCase(java.util.Locale.ROOT).equals(lane)) {
              w.durableAt = Math.min(w.durableAt, e + 1);
              syncedTelemetry |= w.kind == StreamKind.TELEMETRY;
            }
          }
        }
      }
      boolean acknowledgedDue = false;
      for (Written w : written) {
        if (w.appendedAt < previousTickAt) {
          assertTrue(w.ackedAt <= now || w.durableAt <= now, "record " + w.sequence + " (" + w.kind
              + ") was due at the tick ending at " + now + ", unacknowledged, and not synced");
          acknowledgedDue |= w.ackedAt <= now && w.durableAt > now;
        }
      }
      ticksThatSynced += syncedTelemetry ? 1 : 0;
      ticksThatSkippedAcknowledged += acknowledgedDue ? 1 : 0;
      previousTickAt = now;
    }

    private void markDurable() {
      int now = fs.eventCount();
      for (Written w : written) {
        w.durableAt = Math.min(w.durableAt, now);
      }
    }
  }

  @Test
  void everyCutPointKeepsWhatWasSyncedAndNeverReusesASequence() throws Exception {
    Workload w = new Workload().run();
    assertTrue(w.ticksThatSynced > 3 && w.ticksThatSkippedAcknowledged > 3, "the workload meets both sides of "
        + "the sync rule: " + w.ticksThatSynced + " ticks synced, " + w.ticksThatSkippedAcknowledged
        + " left acknowledged records unsynced");
    List<CrashFs.Event> events = w.fs.events();
    Map<Long, Written> bySequence = new HashMap<>();
    w.written.forEach(r -> bySequence.put(r.sequence, r));
    int images = 0;
    int torn = 0;
    for (int cut = 0; cut <= events.size(); cut++) {
      for (CrashFs.Loss loss : CrashFs.Loss.values()) {
        RecoveryReport report = check(w, bySequence, cut, w.fs.image(cut, loss), loss + " at " + cut);
        images++;
        switch (loss) {
          case LOST, KEPT -> assertTrue(report.clean(), loss + " at " + cut + " leaves whole records only: " + report);
          case ZEROED -> assertEquals(w.fs.unforcedGrowth(cut, ".seg"), report.tornTailBytes(),
              "zeroed unsynced bytes at " + cut + " are cut and reported");
        }
      }
      if (cut > 0 && events.get(cut - 1) instanceof CrashFs.Write last) {
        boolean segment = last.path().getFileName().toString().endsWith(".seg");
        for (int kept = 0; kept <= last.bytes().length; kept++) {
          RecoveryReport report = check(w, bySequence, cut, w.fs.tornImage(cut, kept),
              "write " + last.path() + " torn after " + kept + " bytes at " + cut);
          images++;
          torn++;
          boolean partial = segment && kept > 0 && kept < last.bytes().length;
          assertEquals(partial ? kept : 0, report.tornTailBytes(), "torn bytes cut and reported at " + cut);
        }
      }
    }
    assertTrue(events.size() > 150, "the workload exercises enough cut points: " + events.size());
    assertTrue(torn > 3000, "every byte of every write is tried: " + torn + " of " + images);
  }

  /**
   * Reopens the journal on a crash image and checks: it opens; every record durable before the cut
   * and not acknowledged by the broker before it comes back (an acknowledged one may come back too:
   * a duplicate, not a loss); every record that comes back has the content it was
   * appended with; the next sequence is above every sequence handed out before the cut; a record
   * appended after the restart is delivered.
   */
  private RecoveryReport check(Workload w, Map<Long, Written> bySequence, int cut, CrashFs image, String what)
      throws Exception {
    long highestIssued = w.issued.stream().filter(i -> i.at() <= cut).mapToLong(Issued::sequence).max().orElse(0);
    long highestDurable = w.written.stream().filter(r -> r.durableAt <= cut).mapToLong(r -> r.sequence).max()
        .orElse(0);
    try (Journal j = Journal.open(DIR, CFG, clock, image)) {
      BootHandover handover = j.beginBoot(BOOT + 1);
      if (cut >= w.bootRecordedAt) {
        assertEquals(BOOT, handover.previousBootId(), what + ": the previous boot is named");
        assertTrue(handover.previousLastSequence() >= highestDurable
            && handover.previousLastSequence() <= highestIssued, what + ": the previous boot's last sequence "
            + handover.previousLastSequence() + " lies between the last synced " + highestDurable + " and the last issued "
            + highestIssued);
      }
      Map<Long, JournalRecord> recovered = new HashMap<>();
      for (StreamKind kind : Journal.LANES) {
        for (JournalRecord r : j.next(kind, 0, Long.MAX_VALUE, 10_000)) {
          Written original = bySequence.get(r.sequence());
          if (original == null || original.kind != kind) {
            fail(what + ": record " + r.sequence() + " (" + kind + ") was never appended");
          }
          assertArrayEquals(original.payload, r.payload(), what + ": record " + r.sequence() + " has other content");
          recovered.put(r.sequence(), r);
        }
      }
      for (Written wr : w.written) {
        if (wr.durableAt <= cut && wr.ackedAt > cut && !recovered.containsKey(wr.sequence)) {
          fail(what + ": record " + wr.sequence + " (" + wr.kind + ") was synced before the cut and is lost");
        }
      }
      long next = j.nextSequence();
      assertEquals(handover.firstSequence(), next, what + ": the handover names this boot's first sequence");
      assertTrue(next > highestIssued, what + ": sequence went back to " + next + " after " + highestIssued);
      j.append(StreamKind.ENERGY, next, "after".getBytes(StandardCharsets.UTF_8));
      List<JournalRecord> after = j.next(StreamKind.ENERGY, next - 1, next, 1);
      assertEquals(1, after.size(), what + ": a record appended after the restart is delivered");
      assertFalse(j.recovery().records() < recovered.size(), what + ": report counts what it kept");
      return j.recovery();
    }
  }

  @Test
  void aFlippedBitAnywhereInASegmentLosesOnlyItsRecord() throws Exception {
    CrashFs fs = new CrashFs();
    List<Written> written = new ArrayList<>();
    try (Journal j = Journal.open(DIR, CFG, clock, fs)) {
      for (int i = 0; i < 12; i++) {
        long seq = j.nextSequence();
        Written w = new Written(StreamKind.TELEMETRY, seq, payloadOf(seq, i));
        j.append(w.kind, seq, w.payload);
        written.add(w);
      }
    }
    Path segment = fs.files().stream().filter(p -> p.toString().endsWith(".seg")).findFirst().orElseThrow();
    byte[] clean = fs.bytes(segment);
    int[] recordStart = new int[written.size() + 1];
    for (int i = 0; i < written.size(); i++) {
      recordStart[i + 1] = recordStart[i] + RecordCodec.HEADER_BYTES + written.get(i).payload.length;
    }
    assertEquals(clean.length, recordStart[written.size()], "records are laid end to end");
    for (int offset = 0; offset < clean.length; offset++) {
      byte[] flipped = clean.clone();
      flipped[offset] ^= (byte) (1 << (offset % 8));
      int hit = 0;
      while (recordStart[hit + 1] <= offset) {
        hit++;
      }
      int hitBytes = recordStart[hit + 1] - recordStart[hit];
      try (Journal j = Journal.open(DIR, CFG, clock, fs.withFile(segment, flipped))) {
        List<JournalRecord> got = j.next(StreamKind.TELEMETRY, 0, Long.MAX_VALUE, 100);
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < written.size(); i++) {
          if (i != hit) {
            expected.add(written.get(i).sequence);
          }
        }
        assertEquals(expected, got.stream().map(JournalRecord::sequence).toList(), "flip at " + offset);
        for (JournalRecord r : got) {
          assertArrayEquals(written.stream().filter(w -> w.sequence == r.sequence()).findFirst().orElseThrow().payload,
              r.payload(), "flip at " + offset);
        }
        RecoveryReport report = j.recovery();
        if (hit == written.size() - 1) {
          assertEquals(1, report.tornTails(), "flip at " + offset + " in the last record: its tail is cut");
          assertEquals(hitBytes, report.tornTailBytes(), "flip at " + offset);
        } else {
          assertEquals(1, report.damagedRegions(), "flip at " + offset + " is reported as one damaged region");
          assertEquals(hitBytes, report.damagedBytes(), "flip at " + offset);
        }
      }
    }
  }
}
