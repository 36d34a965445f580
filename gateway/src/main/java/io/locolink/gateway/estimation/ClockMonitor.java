package io.locolink.gateway.estimation;

import io.locolink.gateway.acquisition.ClockQuality;
import io.locolink.gateway.acquisition.GnssFix;
import io.locolink.gateway.acquisition.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Judges the gateway's UTC clock from the snapshots: compares it with the monotonic clock to
 * detect steps, and with fresh GNSS fixes (receiver UTC advanced by the fix's age on the monotonic
 * clock) to decide whether it is synced. The acquisition's own {@link ClockQuality#SYNCED} (e.g.
 * from NTP) also counts as synced, and its {@link ClockQuality#STEPPED} as a step. Once synced the
 * clock stays synced until a fresh fix disagrees by more than the tolerance. Used by the
 * estimator and usable for message headers. Not thread-safe; one caller thread.
 */
public final class ClockMonitor {

  private final double toleranceS;
  private final double fixMaxAgeS;
  private boolean synced;
  private boolean first = true;
  private long lastMonotonicNanos;
  private Instant lastUtc;
  private ClockObservation last = new ClockObservation(ClockQuality.UNSYNCED, 0);

  /**
   * @param toleranceS steps and GNSS disagreements up to this many seconds are tolerated
   * @param fixMaxAgeS fixes older than this many seconds are not used to judge the clock
   */
  public ClockMonitor(double toleranceS, double fixMaxAgeS) {
    this.toleranceS = toleranceS;
    this.fixMaxAgeS = fixMaxAgeS;
  }

  /** Folds one snapshot in; call once per snapshot, in order. */
  public ClockObservation observe(Snapshot s) {
    double stepS = 0;
    if (!first) {
      stepS = seconds(Duration.between(lastUtc, s.utc())) - (s.monotonicNanos() - lastMonotonicNanos) / 1e9;
    }
    first = false;
    lastUtc = s.utc();
    lastMonotonicNanos = s.monotonicNanos();
    gnssOffsetS(s).ifPresent(offset -> synced = Math.abs(offset) <= toleranceS);
    boolean stepped = Math.abs(stepS) > toleranceS || s.clock() == ClockQuality.STEPPED;
    ClockQuality quality;
    if (stepped) {
      quality = ClockQuality.STEPPED;
    } else if (synced || s.clock() == ClockQuality.SYNCED) {
      quality = ClockQuality.SYNCED;
    } else {
      quality = ClockQuality.UNSYNCED;
    }
    last = new ClockObservation(quality, stepS);
    return last;
  }

  /** The observation of the latest snapshot (UNSYNCED before the first). */
  public ClockObservation last() {
    return last;
  }

  /** Gateway UTC minus GNSS UTC (seconds) from a fresh, valid fix; empty without one. */
  private Optional<Double> gnssOffsetS(Snapshot s) {
    Optional<GnssFix> fix = s.motion().fix();
    if (fix.isEmpty() || fix.get().fixQuality() <= 0) {
      return Optional.empty();
    }
    double ageS = (s.monotonicNanos() - fix.get().monotonicNanos()) / 1e9;
    if (ageS < 0 || ageS > fixMaxAgeS) {
      return Optional.empty();
    }
    double gnssNowS = seconds(Duration.between(Instant.EPOCH, fix.get().utc())) + ageS;
    return Optional.of(seconds(Duration.between(Instant.EPOCH, s.utc())) - gnssNowS);
  }

  private static double seconds(Duration d) {
    return d.getSeconds() + d.getNano() / 1e9;
  }
}
