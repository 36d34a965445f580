package io.locolink.gateway.trips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.archive.EnergyRange;
import io.locolink.gateway.archive.EnergyStore;
import io.locolink.gateway.config.TripsConfig;
import io.locolink.proto.v1.EnergyRecord;
import io.locolink.testing.SyntheticTrip;
import io.locolink.testing.SyntheticTrip.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TripRetentionTest {

  static final long S = 1_000_000_000L;
  static final long BUDGET = 1 << 20;

  @TempDir Path dir;

  /**
   * Runs one trip of {@code seconds} of noisy frames starting at {@code start}, one cycle a second as
   * the pipeline feeds the recorder, an energy record every 300 s into the archive and the trip;
   * returns its id.
   */
  private static TripId trip(TripRecorder recorder, EnergyStore archive, Instant start, long startNanos, int seconds,
      boolean finish) {
    Random noise = new Random(start.getEpochSecond());
    TripId id = null;
    for (int t = 0; t <= seconds; t++) {
      State s = new State(true, 20 + noise.nextInt(40), 650 + noise.nextInt(100), noise.nextInt(400) - 100,
          noise.nextInt(200), 25, 70, 60);
      List<EnergyRecord> energy = t % 300 == 0 ? List.of(SyntheticTrip.energy(start.plusSeconds(t), 100, 10, 5))
          : List.of();
      for (EnergyRecord e : energy) {
        archive.append(e.toByteArray(), start.plusSeconds(t));
      }
      recorder.onCycle(SyntheticTrip.cycle(SyntheticTrip.snapshot(startNanos + t * S, start.plusSeconds(t), s,
          t * 10.0, 0), SyntheticTrip.estimates(s), SyntheticTrip.frame(t, start.plusSeconds(t), s, t * 10.0, noise),
          energy, List.of()));
      id = recorder.currentTrip().orElseThrow();
    }
    if (finish) {
      recorder.finishNow().orElseThrow();
    }
    return id;
  }

  @Test
  void oldestTripsGoFirstAndTheStoreStaysUnderItsBudget() {
    TripsConfig config = new TripsConfig(dir.toString(), null, null, null, BUDGET, BUDGET, 16384, null, null);
    List<TripId> ids = new ArrayList<>();
    EnergyStore archive = EnergyStore.open(config.energyDirectory(dir), config.energyRetentionDays());
    try (TripRecorder recorder = TripRecorder.open(config, TripRecorderTest.HEADERS)) {
      Instant day = Instant.parse("2026-11-01T06:00:00Z");
      for (int i = 0; i < 8; i++) {
        ids.add(trip(recorder, archive, day.plusSeconds(i * 86_400L), i * 100_000 * S, 2400, true));
      }
      List<TripId> kept = recorder.store().list().stream().map(TripInfo::id).toList();
      assertTrue(kept.size() >= 2 && kept.size() < 8, "kept " + kept.size());
      assertEquals(ids.subList(8 - kept.size(), 8), kept, "the newest trips are the ones kept");
      assertTrue(recorder.store().finishedBytes() <= BUDGET);
      // Energy records outlive the evicted trips in the archive: one per 300 s, 9 per trip, all 8 trips.
      EnergyRange energy = archive.snapshot(day.minusSeconds(300), day.plusSeconds(9 * 86_400L));
      assertEquals(8 * 9, IntStream.range(0, energy.dayCount()).map(d -> energy.records(d).size()).sum());
    }
  }

  @Test
  void theTripInProgressIsNeverEvicted() {
    TripsConfig config = new TripsConfig(dir.toString(), null, null, null, BUDGET, BUDGET, 16384, null, null);
    EnergyStore archive = EnergyStore.open(config.energyDirectory(dir), config.energyRetentionDays());
    try (TripRecorder recorder = TripRecorder.open(config, TripRecorderTest.HEADERS)) {
      Instant day = Instant.parse("2026-11-01T06:00:00Z");
      trip(recorder, archive, day, 0, 1200, true);
      trip(recorder, archive, day.plusSeconds(86_400), 100_000 * S, 1200, true);
      // A long trip that alone fills the budget: the finished ones make way, the open one stays.
      TripId open = trip(recorder, archive, day.plusSeconds(2 * 86_400), 200_000 * S, 15_000, false);
      Path openFile = dir.resolve("trips").resolve(open + ".llt.open");
      assertTrue(Files.exists(openFile));
      assertTrue(recorder.store().list().isEmpty(), "both finished trips were evicted");
      assertEquals(open, recorder.currentTrip().orElseThrow());
      FinishedTrip last = recorder.finishNow().orElseThrow();
      assertTrue(last.summary().frames() > 0);
      assertFalse(Files.exists(openFile));
    }
  }

  @Test
  void configRejectsShortEnergyRetentionNamingTheKey() {
    io.locolink.gateway.config.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(
        io.locolink.gateway.config.ConfigException.class,
        () -> io.locolink.gateway.config.ConfigLoader.parse("trips:\n  energyRetentionDays: 30\n",
            Wrapper.class));
    assertEquals("trips.energyRetentionDays", e.key(), e.getMessage());
    TripsConfig parsed = io.locolink.gateway.config.ConfigLoader.parse("trips:\n  idleGapS: 600\n", Wrapper.class).trips();
    assertEquals(600L, parsed.idleGapS());
    assertEquals(90, parsed.energyRetentionDays(), "missing keys take the defaults");
    assertEquals(java.nio.file.Path.of("/state/trips"), parsed.tripsDirectory(java.nio.file.Path.of("/state")));
  }

  /** A root with only the trips section, as the gateway's root config nests it. */
  record Wrapper(TripsConfig trips) {
  }
}
