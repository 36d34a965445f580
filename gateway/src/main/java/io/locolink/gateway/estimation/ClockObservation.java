package io.locolink.gateway.estimation;

import io.locolink.gateway.acquisition.ClockQuality;

/**
 * What the clock monitor concluded about one snapshot's UTC stamp.
 *
 * @param quality SYNCED, UNSYNCED (no time source agrees yet) or STEPPED (stepped since the last
 *     snapshot by more than the tolerance)
 * @param stepS how far UTC moved against the monotonic clock since the last snapshot, seconds
 *     (positive = forward); 0 for the first snapshot
 */
public record ClockObservation(ClockQuality quality, double stepS) {

  public boolean stepped() {
    return quality == ClockQuality.STEPPED;
  }
}
