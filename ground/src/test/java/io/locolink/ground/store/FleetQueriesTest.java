package io.locolink.ground.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.ground.ingest.MessageDecoder;
import io.locolink.ground.testing.Frames;
import io.locolink.ground.testing.Sql;
import io.locolink.ground.testing.TestPostgres;
import io.locolink.proto.v1.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fleet snapshot's per-locomotive figures that come from small tables kept by the ingest: the
 * messages still missing in the gaps opened today, as the backlog fills them, the uplink's
 * set-aside count from the status (fields 30-31), staleness counted from when the last live frame
 * arrived whatever time it carries, the values of the newest live frame by its time, backlog frames
 * kept out of both, and frames the broker held for the station kept out of the staleness only.
 */
class FleetQueriesTest {

  private static StationDatabase db;
  private static BatchWriter writer;
  private static FleetQueries fleet;

  @BeforeAll
  static void open() {
    db = StationDatabase.server(TestPostgres.freshDatabase(), "postgres", null);
    writer = new BatchWriter(db.dataSource(), new LocomotiveIds(), new Partitions());
    fleet = new FleetQueries(db.dataSource());
  }

  @AfterAll
  static void close() {
    db.close();
  }

  private static Incoming telemetry(String loco, long boot, long seq) {
    long t = System.currentTimeMillis() / 1000 * 1000 - 3_600_000 + seq * 1000;
    SecondRow row = new SecondRow(t, null, null, 10, null, null, null, null, null, null, null, null, null, null, 0,
        500, null, null, null, null, null, null, null, null, null, null, null, null, null, 0);
    return new Incoming(loco, Stream.TELEMETRY, boot, seq, t, t, false, false, new byte[] {(byte) seq},
        new Incoming.Telemetry(List.of(row)));
  }

  private static List<Incoming> telemetry(String loco, long boot, long... seqs) {
    List<Incoming> out = new ArrayList<>();
    for (long s : seqs) {
      out.add(telemetry(loco, boot, s));
    }
    return out;
  }

  private static FleetEntry entry(String loco, Instant now) throws Exception {
    return fleet.snapshot(now).stream().filter(e -> e.locomotive().equals(loco)).findFirst().orElseThrow();
  }

  /** Numbers between the lowest and highest received that have not arrived: what the gaps must still miss. */
  private static long missing(Set<Long> received) {
    long span = received.stream().mapToLong(Long::longValue).max().orElseThrow()
        - received.stream().mapToLong(Long::longValue).min().orElseThrow() + 1;
    return span - received.size();
  }

  @Test
  void gapsTodayCountTheMessagesStillMissingAsTheBacklogFillsThem() throws Exception {
    Set<Long> received = new TreeSet<>(List.of(1L, 2L, 6L, 10L));
    writer.write(telemetry("FQ-1", 3, 1, 2, 6, 10), List.of());
    writer.write(telemetry("FQ-2", 1, 1, 2, 3), List.of());
    // A second boot of FQ-1 with a gap of its own counts too.
    writer.write(telemetry("FQ-1", 4, 1, 5), List.of());
    Instant now = Instant.now();
    assertEquals(missing(received) + 3, entry("FQ-1", now).gapsToday());
    assertEquals(0, entry("FQ-2", now).gapsToday());

    writer.write(telemetry("FQ-1", 3, 4, 8), List.of());
    received.addAll(List.of(4L, 8L));
    assertEquals(missing(received) + 3, entry("FQ-1", now).gapsToday());

    writer.write(telemetry("FQ-1", 3, 3, 5, 2), List.of());  // 2 is a duplicate: it fills nothing
    received.addAll(List.of(3L, 5L));
    assertEquals(missing(received) + 3, entry("FQ-1", now).gapsToday());
    assertEquals(1, Sql.count(db.dataSource(), "SELECT count(*) FROM gap g JOIN locomotive l ON l.id = g.locomotive_id "
        + "WHERE l.name = 'FQ-1' AND g.boot_id = 3 AND g.closed IS NOT NULL"), "the gap 3-5 is closed");

    // Gaps opened today are not tomorrow's.
    assertEquals(0, entry("FQ-1", now.plus(Duration.ofDays(1))).gapsToday());
    // And the small table agrees with the gaps themselves.
    assertEquals(Sql.count(db.dataSource(), "SELECT sum(missing) FROM gap"),
        Sql.count(db.dataSource(), "SELECT sum(missing) FROM gap_day"));
  }

  @Test
  void aBatchOfBacklogOlderThanAllStoredOpensOnlyTheRunsItDoesNotFillItself() throws Exception {
    writer.write(telemetry("FQ-5", 2, 21, 22, 23, 24, 25), List.of());
    Set<Long> received = new TreeSet<>(List.of(21L, 22L, 23L, 24L, 25L));
    List<Incoming> backlog = new ArrayList<>();
    for (long s : new long[] {1, 2, 3, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}) {
      backlog.add(telemetry("FQ-5", 2, s));
      received.add(s);
    }
    java.util.Collections.reverse(backlog);  // arrival order does not matter either
    writer.write(backlog, List.of());
    assertEquals(missing(received), entry("FQ-5", Instant.now()).gapsToday());
    String boot = " FROM gap g JOIN locomotive l ON l.id = g.locomotive_id WHERE l.name = 'FQ-5' AND g.closed IS NULL";
    assertEquals(1, Sql.count(db.dataSource(), "SELECT count(*)" + boot), "one open gap: 4-9");
    assertEquals(4, Sql.count(db.dataSource(), "SELECT first_seq" + boot));
    assertEquals(received.size(), Sql.count(db.dataSource(), "SELECT received FROM boot b JOIN locomotive l "
        + "ON l.id = b.locomotive_id WHERE l.name = 'FQ-5'"));
  }

  /** A frame of one second, SoC {@code socPm} per mille, from boot 1 of {@code loco}. */
  private static Incoming frame(String loco, long seq, long timeMs, long receivedMs, int socPm, boolean historical) {
    SecondRow row = new SecondRow(timeMs, null, null, 10, null, null, null, null, null, null, null, null, null, null,
        0, socPm, null, null, null, null, null, null, null, null, null, null, null, null, null, 0);
    return new Incoming(loco, Stream.TELEMETRY, 1, seq, timeMs, receivedMs, historical, false, new byte[] {(byte) seq},
        new Incoming.Telemetry(List.of(row)));
  }

  private static Incoming withSoc(String loco, long seq, long timeMs, int socPm) {
    return frame(loco, seq, timeMs, timeMs, socPm, false);
  }

  @Test
  void aLatestRowWrittenLessThanTheIntervalAgoWaitsForTheFlushThenShowsTheNewestSecond() throws Exception {
    BatchWriter lagging = new BatchWriter(db.dataSource(), new LocomotiveIds(), new Partitions(), Duration.ofHours(1));
    long t = System.currentTimeMillis() / 1000 * 1000 - 30_000;
    lagging.write(List.of(withSoc("FQ-8", 1, t + 1000, 500), withSoc("FQ-9", 1, t + 1000, 400)), List.of());
    assertEquals(new java.math.BigDecimal("50.0"), entry("FQ-8", Instant.now()).values().get("soc"),
        "a locomotive's first row is written at once");
    lagging.write(List.of(withSoc("FQ-8", 3, t + 3000, 530), withSoc("FQ-8", 2, t + 2000, 520)), List.of());
    assertEquals(2, Sql.count(db.dataSource(), "SELECT count(*) FROM frame_second f JOIN locomotive l "
        + "ON l.id = f.locomotive_id WHERE l.name = 'FQ-8' AND f.soc_pm > 500"), "the seconds are stored at once");
    assertEquals(Instant.ofEpochMilli(t + 1000), entry("FQ-8", Instant.now()).lastSeen(), "the latest row waits");
    assertEquals(Set.of(), lagging.flushLatest(false), "the interval has not passed");
    assertEquals(Set.of("FQ-8"), lagging.flushLatest(true));
    assertEquals(new java.math.BigDecimal("53.0"), entry("FQ-8", Instant.now()).values().get("soc"));
    assertEquals(Instant.ofEpochMilli(t + 3000), entry("FQ-8", Instant.now()).lastSeen());
    assertEquals(new java.math.BigDecimal("40.0"), entry("FQ-9", Instant.now()).values().get("soc"));
    assertEquals(Set.of(), lagging.flushLatest(true), "nothing left to write");
  }

  private static Incoming arrived(String loco, long seq, long timeMs, long receivedMs) {
    return frame(loco, seq, timeMs, receivedMs, 500, false);
  }

  @Test
  void aLocomotiveIsStaleTenSecondsAfterItsNewestFrameArrivedWhateverTimeTheFrameCarries() throws Exception {
    long received = System.currentTimeMillis() / 1000 * 1000 - 60_000;
    // FQ-ahead: a clock an hour ahead (an accelerated simulator); FQ-behind: an hour behind.
    writer.write(List.of(arrived("FQ-ahead", 1, received + 3_600_000, received),
        arrived("FQ-behind", 1, received - 3_600_000, received)), List.of());
    for (String loco : List.of("FQ-ahead", "FQ-behind")) {
      assertFalse(entry(loco, Instant.ofEpochMilli(received + 10_000)).stale(), loco + " 10 s after its frame arrived");
      assertTrue(entry(loco, Instant.ofEpochMilli(received + 10_001)).stale(), loco + " 10.001 s after");
    }
  }

  @Test
  void aLatestRowWrittenAfterTheIntervalKeepsWhenItsFrameArrived() throws Exception {
    BatchWriter lagging = new BatchWriter(db.dataSource(), new LocomotiveIds(), new Partitions(), Duration.ofHours(1));
    long received = System.currentTimeMillis() / 1000 * 1000 - 60_000;
    long ahead = received + 3_600_000;
    lagging.write(List.of(arrived("FQ-10", 1, ahead, received)), List.of());
    lagging.write(List.of(arrived("FQ-10", 2, ahead + 1000, received + 1000)), List.of());
    assertEquals(Set.of("FQ-10"), lagging.flushLatest(true));
    assertEquals(Instant.ofEpochMilli(ahead + 1000), entry("FQ-10", Instant.now()).lastSeen());
    assertFalse(entry("FQ-10", Instant.ofEpochMilli(received + 11_000)).stale(), "10 s after the second frame arrived");
    assertTrue(entry("FQ-10", Instant.ofEpochMilli(received + 11_001)).stale(), "not counted from the flush");
  }

  @Test
  void everyLiveFrameThatArrivesKeepsTheLocomotiveFreshWhileTheNewestByItsTimeGivesTheValues() throws Exception {
    BatchWriter lagging = new BatchWriter(db.dataSource(), new LocomotiveIds(), new Partitions(), Duration.ofHours(1));
    long received = System.currentTimeMillis() / 1000 * 1000 - 120_000;
    long t = received - 7_000;
    // FQ-still: a clock that stands still; FQ-back: one stepped back 5 s; FQ-deferred: stepped back, its
    // row written by the flush of a writer that rewrites latest rows at most once an hour.
    writer.write(List.of(frame("FQ-still", 1, t, received, 500, false), frame("FQ-back", 1, t, received, 500, false)),
        List.of());
    lagging.write(List.of(frame("FQ-deferred", 1, t, received, 500, false)), List.of());
    writer.write(List.of(frame("FQ-still", 2, t, received + 30_000, 410, false),
        frame("FQ-back", 2, t - 5_000, received + 30_000, 420, false)), List.of());
    lagging.write(List.of(frame("FQ-deferred", 2, t - 5_000, received + 30_000, 430, false)), List.of());
    assertEquals(Set.of("FQ-deferred"), lagging.flushLatest(true));
    for (String loco : List.of("FQ-still", "FQ-back", "FQ-deferred")) {
      assertFalse(entry(loco, Instant.ofEpochMilli(received + 40_000)).stale(), loco + " 10 s after its last frame arrived");
      assertTrue(entry(loco, Instant.ofEpochMilli(received + 40_001)).stale(), loco + " 10.001 s after");
      FleetEntry e = entry(loco, Instant.ofEpochMilli(received + 30_000));
      assertEquals(new java.math.BigDecimal("50.0"), e.values().get("soc"), loco + ": the values of the newest frame by its time");
      assertEquals(Instant.ofEpochMilli(t), e.lastSeen(), loco);
    }
  }

  @Test
  void backlogFramesFillTheHistoryButNeitherShowAsTheCurrentValuesNorKeepTheLocomotiveFresh() throws Exception {
    long received = System.currentTimeMillis() / 1000 * 1000 - 120_000;
    long t = received - 2_000;
    writer.write(List.of(frame("FQ-backlog", 1, t, received, 500, false)), List.of());
    // After a reboot with its clock set back, a gateway's backlog from before is newer than its live frames.
    writer.write(List.of(frame("FQ-backlog", 2, t + 60_000, received + 30_000, 610, true)), List.of());
    writer.write(List.of(frame("FQ-backlog", 3, t - 60_000, received + 31_000, 390, true)), List.of());
    FleetEntry e = entry("FQ-backlog", Instant.ofEpochMilli(received + 31_000));
    assertTrue(e.stale(), "no live frame for 31 s");
    assertEquals(new java.math.BigDecimal("50.0"), e.values().get("soc"), "the live frame's values");
    assertEquals(Instant.ofEpochMilli(t), e.lastSeen());
    assertEquals(3, Sql.count(db.dataSource(), "SELECT count(*) FROM frame_second f JOIN locomotive l "
        + "ON l.id = f.locomotive_id WHERE l.name = 'FQ-backlog'"), "the backlog is in the history");

    writer.write(List.of(frame("FQ-backlog", 4, t - 30_000, received + 40_000, 450, false)), List.of());
    e = entry("FQ-backlog", Instant.ofEpochMilli(received + 41_000));
    assertFalse(e.stale(), "a live frame arrived 1 s ago");
    assertEquals(new java.math.BigDecimal("50.0"), e.values().get("soc"), "still the newest live frame's values");

    // A locomotive the station knows only from its backlog: listed, without values, stale.
    writer.write(List.of(frame("FQ-only-backlog", 1, t, received, 700, true)), List.of());
    e = entry("FQ-only-backlog", Instant.ofEpochMilli(received));
    assertTrue(e.stale());
    assertNull(e.lastSeen());
    assertEquals(java.util.Map.of(), e.values());
  }

  @Test
  void framesTheBrokerHeldShowAsTheCurrentValuesButKeepNoLocomotiveFresh() throws Exception {
    BatchWriter lagging = new BatchWriter(db.dataSource(), new LocomotiveIds(), new Partitions(), Duration.ofHours(1));
    long received = System.currentTimeMillis() / 1000 * 1000 - 120_000;
    long t = received - 2_000;
    // FQ-held: live before the station went away, then frames held for it, handed over 60 s later;
    // FQ-held-deferred: the same, its row written by the flush of a writer that rewrites latest rows at
    // most once an hour; FQ-only-held: known only from held frames.
    writer.write(List.of(frame("FQ-held", 1, t, received, 500, false)), List.of());
    lagging.write(List.of(frame("FQ-held-deferred", 1, t, received, 500, false)), List.of());
    writer.write(List.of(frame("FQ-held", 2, t + 5_000, received + 60_000, 480, false).asHeld(),
        frame("FQ-only-held", 1, t + 5_000, received + 60_000, 470, false).asHeld()), List.of());
    lagging.write(List.of(frame("FQ-held-deferred", 2, t + 5_000, received + 60_000, 480, false).asHeld()),
        List.of());
    assertEquals(Set.of("FQ-held-deferred"), lagging.flushLatest(true));
    for (String loco : List.of("FQ-held", "FQ-held-deferred")) {
      assertFalse(entry(loco, Instant.ofEpochMilli(received + 10_000)).stale(), loco + " 10 s after its live frame");
      FleetEntry e = entry(loco, Instant.ofEpochMilli(received + 60_000));
      assertTrue(e.stale(), loco + " as its held frame arrives: " + e);
      assertEquals(new java.math.BigDecimal("48.0"), e.values().get("soc"), loco + ": the held frame is the newest");
      assertEquals(Instant.ofEpochMilli(t + 5_000), e.lastSeen(), loco);
    }
    FleetEntry only = entry("FQ-only-held", Instant.ofEpochMilli(received + 60_000));
    assertTrue(only.stale(), "known only from held frames: " + only);
    assertEquals(new java.math.BigDecimal("47.0"), only.values().get("soc"));

    // A frame sent once the station is back keeps it fresh again.
    writer.write(List.of(frame("FQ-only-held", 2, t + 6_000, received + 61_000, 460, false)), List.of());
    assertFalse(entry("FQ-only-held", Instant.ofEpochMilli(received + 71_000)).stale(), "10 s after its live frame");
    assertTrue(entry("FQ-only-held", Instant.ofEpochMilli(received + 71_001)).stale(), "10.001 s after");
  }

  private static Incoming status(String loco, long timeMs, boolean online) {
    byte[] payload = Frames.status(loco, 9, timeMs, online).toByteArray();
    return ((MessageDecoder.Accepted) new MessageDecoder(65_536).decode("locolink/v1/" + loco + "/status", payload,
        System.currentTimeMillis())).message();
  }

  @Test
  void aLastWillStampedAsTheStatusBeforeItStillSetsTheLinkOffline() throws Exception {
    long t = System.currentTimeMillis() - 60_000;
    // A gateway whose clock stands still stamps its online status and its last will with the same time:
    // one message to the store's key, yet the will is news. In two batches and in one.
    writer.write(List.of(status("FQ-will", t, true)), List.of());
    assertEquals("ONLINE", entry("FQ-will", Instant.now()).link());
    WriteResult r = writer.write(List.of(status("FQ-will", t, false)), List.of());
    assertEquals("OFFLINE", entry("FQ-will", Instant.now()).link());
    assertEquals(java.util.Set.of("FQ-will"), r.locomotives(), "its state changed");
    writer.write(List.of(status("FQ-will-one", t, true), status("FQ-will-one", t, false)), List.of());
    assertEquals("OFFLINE", entry("FQ-will-one", Instant.now()).link());
    // The broker redelivers the online status (the station had not acknowledged it): nothing changes.
    writer.write(List.of(status("FQ-will", t, true).asHeld()), List.of());
    assertEquals("OFFLINE", entry("FQ-will", Instant.now()).link());
    // Back online, the same bytes published again, since the station subscribed.
    writer.write(List.of(status("FQ-will", t, true)), List.of());
    assertEquals("ONLINE", entry("FQ-will", Instant.now()).link());
    // Its will held by the broker while the station was away: other bytes than the stored status.
    writer.write(List.of(status("FQ-will", t, false).asHeld()), List.of());
    assertEquals("OFFLINE", entry("FQ-will", Instant.now()).link());
  }

  @Test
  void theSnapshotShowsEachLocomotivesNewestSecondWhateverOrderTheyArrive() throws Exception {
    long t = System.currentTimeMillis() / 1000 * 1000 - 60_000;
    writer.write(List.of(withSoc("FQ-6", 2, t + 2000, 612), withSoc("FQ-6", 3, t + 3000, 613),
        withSoc("FQ-6", 1, t + 1000, 611), withSoc("FQ-7", 1, t + 1000, 700)), List.of());
    assertEquals(new java.math.BigDecimal("61.3"), entry("FQ-6", Instant.now()).values().get("soc"));
    assertEquals(Instant.ofEpochMilli(t + 3000), entry("FQ-6", Instant.now()).lastSeen());
    // Backlog older than the newest second does not replace it; a newer second does.
    writer.write(List.of(withSoc("FQ-6", 0, t, 600)), List.of());
    assertEquals(new java.math.BigDecimal("61.3"), entry("FQ-6", Instant.now()).values().get("soc"));
    writer.write(List.of(withSoc("FQ-6", 4, t + 4000, 599)), List.of());
    assertEquals(new java.math.BigDecimal("59.9"), entry("FQ-6", Instant.now()).values().get("soc"));
    assertEquals(new java.math.BigDecimal("70.0"), entry("FQ-7", Instant.now()).values().get("soc"));
  }

  @Test
  void theStatusSetAsideCountAndReasonAreStored() throws Exception {
    long t = System.currentTimeMillis();
    byte[] payload = Frames.status("FQ-3", 9, t, true).toBuilder().setSetAsideMessages(3)
        .setLastSetAsideReason("the broker refused it: packet too large").build().toByteArray();
    var outcome = new MessageDecoder(65_536).decode("locolink/v1/FQ-3/status", payload, t);
    Incoming status = ((MessageDecoder.Accepted) outcome).message();
    writer.write(List.of(status), List.of());
    writer.write(List.of(telemetry("FQ-4", 1, 1)), List.of());

    assertEquals(3L, entry("FQ-3", Instant.now()).setAsideMessages());
    assertEquals("the broker refused it: packet too large", Sql.text(db.dataSource(),
        "SELECT last_set_aside_reason FROM status_latest s JOIN locomotive l ON l.id = s.locomotive_id "
            + "WHERE l.name = 'FQ-3'"));
    assertNull(entry("FQ-4", Instant.now()).setAsideMessages(), "no status, no figure");
    // A gateway that does not report the fields sends neither: 0 and empty.
    byte[] plain = Status.newBuilder(Frames.status("FQ-3", 9, t + 1000, true)).build().toByteArray();
    writer.write(List.of(((MessageDecoder.Accepted) new MessageDecoder(65_536).decode("locolink/v1/FQ-3/status", plain,
        t + 1000)).message()), List.of());
    assertEquals(0L, entry("FQ-3", Instant.now()).setAsideMessages());
  }
}
