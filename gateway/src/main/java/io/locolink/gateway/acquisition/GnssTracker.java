package io.locolink.gateway.acquisition;

import io.locolink.gateway.devices.GnssReceiver;
import java.util.Optional;

/**
 * Keeps the last plausible GNSS fix: a fix that implies travelling faster than
 * {@link #MAX_SPEED_MPS} from the last accepted one is rejected, unless several rejected fixes
 * in a row agree with each other (the receiver really is somewhere else now). Not thread-safe.
 */
final class GnssTracker {

  /** Faster than any locomotive: 100 m/s = 360 km/h. */
  static final double MAX_SPEED_MPS = 100;
  private static final int AGREEING_TO_RELOCATE = 5;
  private static final double EARTH_RADIUS_M = 6_371_000;

  private Optional<GnssFix> accepted = Optional.empty();
  private GnssFix lastRejected;
  private int agreeingRejected;
  private boolean everSynced;

  /** Offers a new position; returns false when it was rejected as a jump. */
  boolean offer(GnssReceiver.Position position, long nanos) {
    GnssFix fix = new GnssFix(position.rmc().latitudeDeg(), position.rmc().longitudeDeg(),
        position.rmc().speedKmh(), position.rmc().utc(), position.gga().fixQuality(), position.gga().satellites(),
        nanos);
    if (accepted.isEmpty() || plausible(accepted.get(), fix) || relocated(fix)) {
      accepted = Optional.of(fix);
      everSynced = true;
      lastRejected = null;
      agreeingRejected = 0;
      return true;
    }
    return false;
  }

  private boolean relocated(GnssFix fix) {
    agreeingRejected = lastRejected != null && plausible(lastRejected, fix) ? agreeingRejected + 1 : 0;
    lastRejected = fix;
    return agreeingRejected >= AGREEING_TO_RELOCATE;
  }

  private static boolean plausible(GnssFix from, GnssFix to) {
    double seconds = Math.max(1.0, (to.monotonicNanos() - from.monotonicNanos()) / 1e9);
    return distanceM(from, to) <= MAX_SPEED_MPS * seconds;
  }

  /** Great-circle distance (haversine), metres. */
  static double distanceM(GnssFix a, GnssFix b) {
    double dLat = Math.toRadians(b.latitudeDeg() - a.latitudeDeg());
    double dLon = Math.toRadians(b.longitudeDeg() - a.longitudeDeg());
    double h = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(Math.toRadians(a.latitudeDeg()))
        * Math.cos(Math.toRadians(b.latitudeDeg())) * Math.pow(Math.sin(dLon / 2), 2);
    return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  Optional<GnssFix> fix() {
    return accepted;
  }

  /** SYNCED once a good fix has been seen since start, else UNSYNCED. */
  ClockQuality clock() {
    return everSynced ? ClockQuality.SYNCED : ClockQuality.UNSYNCED;
  }
}
