package io.locolink.ground.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.ground.testing.TestPostgres;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Downsampled history returns each bucket's true minimum and maximum, checked against values the
 * test computes itself from the series it stored: a random walk with single-second spikes that a
 * mean-only downsampling would lose, and a hole that must come back as empty buckets.
 */
class HistoryQueriesTest {

  private static final long T0 = 1_764_633_600_000L;  // 2025-12-02T00:00:00Z, a whole day
  private static final int SECONDS = 6 * 3600;
  private static final int HOLE_FROM = 7200;
  private static final int HOLE_TO = 9000;

  private static StationDatabase db;
  private static final int[] SOC = new int[SECONDS];
  private static final int[] CURRENT = new int[SECONDS];

  @BeforeAll
  static void store() throws Exception {
    db = StationDatabase.server(TestPostgres.freshDatabase(), "postgres", null);
    Random random = new Random(42);
    int soc = 800;
    int current = 0;
    List<Incoming> batch = new ArrayList<>();
    BatchWriter writer = new BatchWriter(db.dataSource(), new LocomotiveIds(), new Partitions());
    for (int i = 0; i < SECONDS; i++) {
      soc = Math.max(0, Math.min(1000, soc + random.nextInt(3) - 1));
      current = Math.max(-30000, Math.min(30000, current + random.nextInt(201) - 100));
      int spike = random.nextInt(500) == 0 ? (random.nextBoolean() ? 25000 : -25000) : 0;
      SOC[i] = soc;
      CURRENT[i] = current + spike;
      if (i >= HOLE_FROM && i < HOLE_TO) {
        continue;
      }
      SecondRow row = new SecondRow(T0 + i * 1000L, null, null, CURRENT[i], null, null, null, null, null, null, null,
          null, null, null, 0, SOC[i], null, null, null, null, null, null, null, null, null, null, null, null, null, 0);
      batch.add(new Incoming("KZ-0001", Stream.TELEMETRY, 7, i + 1, T0 + i * 1000L, T0, false, false, new byte[] {1},
          new Incoming.Telemetry(List.of(row))));
      if (batch.size() == 2000) {
        writer.write(batch, List.of());
        batch.clear();
      }
    }
    writer.write(batch, List.of());
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  void bucketsOfSecondsCarryTheTrueMinimumAndMaximum() throws Exception {
    // One hour at 100 points: 36-second buckets from the per-second rows.
    check(Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 3_600_000), 100, 36, "second");
  }

  @Test
  void bucketsOfMinutesFromTheRollupsCarryTheTrueMinimumAndMaximum() throws Exception {
    // Six hours at 100 points: 216 s, rounded up to whole minutes: 240-second buckets from the rollups.
    // Before any minute is rolled up (all from the per-second rows), with the first 100 minutes rolled
    // up (the rest from the per-second rows), and with all of them rolled up.
    Instant from = Instant.ofEpochMilli(T0);
    Instant to = Instant.ofEpochMilli(T0 + SECONDS * 1000L);
    check(from, to, 100, 240, "minute");
    long later = System.currentTimeMillis() + 60_000;
    assertEquals(100, MinuteRollups.rollUp(db.dataSource(), new Partitions(), later, 100));
    check(from, to, 100, 240, "minute");
    int rest = (SECONDS - (HOLE_TO - HOLE_FROM)) / 60 - 100;
    assertEquals(rest, MinuteRollups.rollUp(db.dataSource(), new Partitions(), later, 10_000));
    assertEquals(0, MinuteRollups.rollUp(db.dataSource(), new Partitions(), later, 10_000));
    check(from, to, 100, 240, "minute");
  }

  private static void check(Instant from, Instant to, int points, long width, String source) throws Exception {
    History h = new HistoryQueries(db.dataSource())
        .history("KZ-0001", from, to, List.of(Channel.SOC, Channel.PACK_CURRENT), points).orElseThrow();
    assertEquals(width, h.bucketSeconds());
    assertEquals(source, h.source());
    assertTrue(h.bucketStartS().length <= points);
    History.Series soc = h.series().get(Channel.SOC);
    History.Series current = h.series().get(Channel.PACK_CURRENT);
    int spikesSeen = 0;
    for (int b = 0; b < h.bucketStartS().length; b++) {
      int first = (int) (h.bucketStartS()[b] - T0 / 1000);
      Integer min = null;
      Integer max = null;
      Integer socMin = null;
      long sum = 0;
      int n = 0;
      for (int i = Math.max(0, first); i < Math.min(SECONDS, first + width); i++) {
        if (i >= HOLE_FROM && i < HOLE_TO) {
          continue;
        }
        min = min == null ? CURRENT[i] : Math.min(min, CURRENT[i]);
        max = max == null ? CURRENT[i] : Math.max(max, CURRENT[i]);
        socMin = socMin == null ? SOC[i] : Math.min(socMin, SOC[i]);
        sum += CURRENT[i];
        n++;
        if (Math.abs(CURRENT[i] - (i > 0 ? CURRENT[i - 1] : CURRENT[i])) > 20000) {
          spikesSeen++;
        }
      }
      if (n == 0) {
        assertNull(current.min().get(b), "empty bucket " + b);
        assertNull(current.max().get(b));
        assertNull(current.mean().get(b));
        continue;
      }
      assertEquals(BigDecimal.valueOf(min, 1), current.min().get(b), "min of bucket " + b);
      assertEquals(BigDecimal.valueOf(max, 1), current.max().get(b), "max of bucket " + b);
      assertEquals(BigDecimal.valueOf(socMin, 1), soc.min().get(b), "soc min of bucket " + b);
      assertEquals(n, current.count().get(b));
      double mean = sum / 10.0 / n;
      assertEquals(mean, current.mean().get(b).doubleValue(), 0.0051, "mean of bucket " + b);
    }
    assertTrue(spikesSeen > 0, "the series has spikes to lose");
  }
}
