package io.locolink.gateway.trips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.acquisition.ClockQuality;
import io.locolink.gateway.archive.EnergyStore;
import io.locolink.gateway.config.TripsConfig;
import io.locolink.gateway.depot.DepotFixture;
import io.locolink.gateway.framing.HeaderFields;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Collected trips go first, and only collected trips are deleted for being collected. */
class TripStoreCollectedTest {

  static final long S = 1_000_000_000L;

  private static List<TripInfo> threeTrips(Path dir) {
    List<TripInfo> trips = new ArrayList<>();
    TripsConfig tc = TripsConfig.defaults().withDirectory(dir);
    EnergyStore archive = EnergyStore.open(tc.energyDirectory(null), tc.energyRetentionDays());
    try (TripRecorder recorder = TripRecorder.open(tc,
        start -> new HeaderFields("TEST-001", 0, 0, start, ClockQuality.UNSYNCED))) {
      Instant day = Instant.parse("2026-11-20T06:00:00Z");
      for (int i = 0; i < 3; i++) {
        trips.add(DepotFixture.runTrip(recorder, archive, day.plusSeconds(i * 86_400L), i * 100_000L * S, 400).info());
      }
    }
    return trips;
  }

  @Test
  void overBudgetTheCollectedTripGoesBeforeOlderUncollectedOnes(@TempDir Path dir) {
    List<TripInfo> trips = threeTrips(dir);
    long total = trips.stream().mapToLong(TripInfo::sizeBytes).sum();
    TripStore store = TripStore.open(dir.resolve("trips"), total - 1);
    assertTrue(store.markCollected(trips.get(1), trips.get(1).sha256Hex(), Instant.parse("2026-11-23T00:00:00Z")));
    store.enforceBudget(0);
    assertEquals(List.of(trips.get(0).id(), trips.get(2).id()), store.list().stream().map(TripInfo::id).toList(),
        "the collected middle trip was deleted, the oldest (uncollected) kept");
  }

  @Test
  void overBudgetWithNothingCollectedTheOldestGoes(@TempDir Path dir) {
    List<TripInfo> trips = threeTrips(dir);
    long total = trips.stream().mapToLong(TripInfo::sizeBytes).sum();
    TripStore store = TripStore.open(dir.resolve("trips"), total - 1);
    store.enforceBudget(0);
    assertEquals(List.of(trips.get(1).id(), trips.get(2).id()), store.list().stream().map(TripInfo::id).toList());
  }

  @Test
  void markersSurviveReopeningAndOnlyCollectedTripsAreDeletedByAge(@TempDir Path dir) {
    List<TripInfo> trips = threeTrips(dir);
    Instant at = Instant.parse("2026-11-23T00:00:00Z");
    TripStore store = TripStore.open(dir.resolve("trips"), 1L << 30);
    assertFalse(store.markCollected(trips.get(2), "f".repeat(64), at), "another log's SHA-256 marks nothing");
    assertTrue(store.markCollected(trips.get(2), trips.get(2).sha256Hex(), at));
    TripStore reopened = TripStore.open(dir.resolve("trips"), 1L << 30);
    assertEquals(at, reopened.collectedAt(trips.get(2).id()).orElseThrow());
    assertTrue(reopened.collectedAt(trips.get(0).id()).isEmpty());
    reopened.deleteCollectedBefore(at.minusSeconds(1));
    assertEquals(3, reopened.list().size(), "acknowledged after the cutoff: kept");
    reopened.deleteCollectedBefore(at);
    assertEquals(List.of(trips.get(0).id(), trips.get(1).id()), reopened.list().stream().map(TripInfo::id).toList());
  }
}
