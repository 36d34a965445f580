package io.locolink.gateway.estimation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.locolink.gateway.acquisition.ClockQuality;
import io.locolink.gateway.acquisition.GnssFix;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Clock quality from GNSS and the monotonic clock. */
class ClockMonitorTest {

  private final ClockMonitor monitor = new ClockMonitor(2.0, 15.0);
  private final SnapshotBuilder b = new SnapshotBuilder();

  /** A fix received now whose receiver UTC is {@code gatewayAheadS} seconds behind the gateway's clock. */
  private void fixWithGatewayAhead(double gatewayAheadS) {
    b.fix = Optional.of(new GnssFix(51.0, 71.0, 0, b.utc.minusMillis(Math.round(gatewayAheadS * 1000)), 1, 8, b.monoNanos));
  }

  @Test
  void unsyncedUntilAFreshFixAgrees() {
    b.clock = ClockQuality.UNSYNCED;
    assertEquals(ClockQuality.UNSYNCED, monitor.observe(b.build()).quality());
    b.advance(1);
    fixWithGatewayAhead(3600); // the gateway booted with an hour-old time
    assertEquals(ClockQuality.UNSYNCED, monitor.observe(b.build()).quality());
    b.advance(1);
    b.utc = b.utc.minusSeconds(3600); // the time service steps the clock to GNSS time
    fixWithGatewayAhead(0.2);
    ClockObservation stepped = monitor.observe(b.build());
    assertEquals(ClockQuality.STEPPED, stepped.quality());
    assertEquals(-3600.0, stepped.stepS(), 1e-6);
    b.advance(1);
    assertEquals(ClockQuality.SYNCED, monitor.observe(b.build()).quality());
  }

  @Test
  void staysSyncedWhenTheFixGoesStaleAndNoticesDisagreement() {
    b.clock = ClockQuality.UNSYNCED;
    fixWithGatewayAhead(0);
    assertEquals(ClockQuality.SYNCED, monitor.observe(b.build()).quality());
    b.advance(60); // a tunnel: the fix is a minute old, the clock free-runs
    assertEquals(ClockQuality.SYNCED, monitor.observe(b.build()).quality());
    fixWithGatewayAhead(5); // a fresh fix says the gateway runs 5 s ahead
    b.advance(1);
    assertEquals(ClockQuality.UNSYNCED, monitor.observe(b.build()).quality());
  }

  @Test
  void theAcquisitionsOwnSyncCountsAndSmallStepsAreTolerated() {
    b.clock = ClockQuality.SYNCED; // NTP
    assertEquals(ClockQuality.SYNCED, monitor.observe(b.build()).quality());
    b.advance(1);
    b.utc = b.utc.plusMillis(1900);
    ClockObservation small = monitor.observe(b.build());
    assertEquals(ClockQuality.SYNCED, small.quality());
    assertEquals(1.9, small.stepS(), 1e-6);
    b.advance(1);
    b.utc = b.utc.plusMillis(2100);
    assertEquals(ClockQuality.STEPPED, monitor.observe(b.build()).quality());
  }

  @Test
  void aFixFromBeforeItIsUsedAgesOnTheMonotonicClock() {
    b.clock = ClockQuality.UNSYNCED;
    b.utc = Instant.parse("2026-11-25T10:00:10Z");
    // fix taken at 10:00:00 GNSS time, received 10 s ago by the monotonic clock: agrees exactly
    b.fix = Optional.of(new GnssFix(51.0, 71.0, 0, Instant.parse("2026-11-25T10:00:00Z"), 1, 8, b.monoNanos - 10_000_000_000L));
    assertEquals(ClockQuality.SYNCED, monitor.observe(b.build()).quality());
  }
}
