package io.locolink.gateway.estimation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.config.EstimationConfig;
import io.locolink.gateway.estimation.EnergyPeriod.DataStatus;
import io.locolink.gateway.estimation.EnergyPeriod.EnergyQuality;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A clean stop suspends the period in progress instead of closing it, so a restart closes every
 * period exactly once: in the same slot it continues the period, in a later one it sends it as it
 * stood. Energies from 720 V x 500 A = 360 kW, exactly 100 Wh per second.
 */
class SuspendedPeriodTest {

  private static final double PACK_V = 720;
  private static final double PACK_A = 500;

  private final List<EnergyPeriod> closed = new ArrayList<>();

  @Test
  void aStopJustAfterABoundaryAndARestartInTheSameSlotCloseThatPeriodOnce() {
    BatteryEstimator first = estimator();
    SnapshotBuilder b = drawing(Instant.parse("2026-11-25T08:04:50Z"));
    run(first, b, 103, 0.1);  // 08:04:50.0 .. 08:05:00.2: closes 08:05, then 0.2 s into the next slot
    SuspendedPeriod kept = first.suspendPeriod().orElseThrow();
    assertEquals(List.of(Instant.parse("2026-11-25T08:05:00Z")), ends(closed), "only the finished period is closed");
    assertEquals(Instant.parse("2026-11-25T08:05:00Z"), kept.slotStart());
    assertEquals(20, kept.asClosed().consumedWh(), "08:05:00.0 .. 08:05:00.2 at 100 Wh/s");
    assertTrue(first.suspendPeriod().isEmpty(), "a suspended period is gone from the estimator");

    BatteryEstimator second = estimator();
    second.resumePeriod(kept);
    b.advance(29.9);  // down for half a minute: the next sample at 08:05:30.2
    run(second, b, 2999, 0.1);  // to 08:10:30.0
    assertEquals(List.of(Instant.parse("2026-11-25T08:05:00Z"), Instant.parse("2026-11-25T08:10:00Z")), ends(closed),
        "the 08:10 period is closed once, by the restarted estimator");
    EnergyPeriod resumed = closed.get(1);
    // 0.2 s before the stop + 08:05:30.2 .. 08:10:00.0 (269.8 s) after it = 270 s at 100 Wh/s
    assertEquals(27_000, resumed.consumedWh());
    assertTrue((resumed.qualityWord() & EnergyQuality.INCOMPLETE_PERIOD.bit()) != 0, "the down time is missing");
    assertEquals(DataStatus.UNCERTAIN, resumed.energyStatus(), "energy of the down time is unknown");
  }

  @Test
  void aRestartInALaterSlotSendsTheKeptPeriodAsItStood() {
    BatteryEstimator first = estimator();
    SnapshotBuilder b = drawing(Instant.parse("2026-11-25T08:06:00Z"));
    run(first, b, 601, 0.1);  // 08:06:00 .. 08:07:00
    SuspendedPeriod kept = first.suspendPeriod().orElseThrow();

    BatteryEstimator second = estimator();
    second.resumePeriod(kept);
    b.advance(3600);  // an hour later
    run(second, b, 1, 0.1);
    assertEquals(List.of(Instant.parse("2026-11-25T08:10:00Z")), ends(closed), "the kept period, at the first sample");
    assertEquals(6_000, closed.get(0).consumedWh(), "08:06:00 .. 08:07:00 at 100 Wh/s");
    assertTrue((closed.get(0).qualityWord() & EnergyQuality.INCOMPLETE_PERIOD.bit()) != 0);
    assertThrows(IllegalStateException.class, () -> second.resumePeriod(kept), "only before the first sample");
  }

  private static BatteryEstimator estimator() {
    return BatteryEstimator.create(EstimationConfig.defaults(), PackTopology.reference());
  }

  private static SnapshotBuilder drawing(Instant from) {
    SnapshotBuilder b = new SnapshotBuilder();
    b.utc = from;
    b.speed(10).drive(PACK_V, PACK_A).pack(PACK_V, PACK_A).fixAged(0);
    return b;
  }

  private void run(BatteryEstimator estimator, SnapshotBuilder b, int samples, double dtS) {
    for (int i = 0; i < samples; i++) {
      closed.addAll(estimator.update(b.build()).closedPeriods());
      b.advance(dtS);
    }
  }

  private static List<Instant> ends(List<EnergyPeriod> periods) {
    return periods.stream().map(EnergyPeriod::periodEnd).toList();
  }
}
