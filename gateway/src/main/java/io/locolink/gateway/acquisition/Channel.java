package io.locolink.gateway.acquisition;

/**
 * One scalar channel's plausibility: range, rate of change and stuck value. It remembers the last
 * good value so a failed read becomes that value flagged, or NaN flagged when there never was
 * one. Not thread-safe.
 */
final class Channel {

  /**
   * Identical readings in a row that make a fast (10 Hz) channel of a 16- or 20-bit converter
   * stuck: one minute. Converter noise makes a live channel change within seconds even at a
   * standstill; a short run of equal values is not evidence enough.
   */
  static final int STUCK_AFTER_FAST = 600;

  private final double min;
  private final double max;
  private final double maxRatePerS;
  private final int stuckAfter;
  private double lastValue = Double.NaN;
  private long lastNanos;
  private double lastGood = Double.NaN;
  private int sameCount;

  /**
   * @param min lowest plausible value
   * @param max highest plausible value
   * @param maxRatePerS largest plausible change per second (infinite to disable)
   * @param stuckAfter identical readings in a row that count as stuck (0 to disable)
   */
  Channel(double min, double max, double maxRatePerS, int stuckAfter) {
    this.min = min;
    this.max = max;
    this.maxRatePerS = maxRatePerS;
    this.stuckAfter = stuckAfter;
  }

  /** A fresh measurement taken at {@code nanos}, checked and flagged. */
  Reading accept(double value, long nanos) {
    int flags = 0;
    if (!(value >= min && value <= max)) {
      flags |= QualityFlag.OUT_OF_RANGE.bit();
    }
    if (!Double.isNaN(lastValue) && nanos > lastNanos) {
      double rate = Math.abs(value - lastValue) / ((nanos - lastNanos) / 1e9);
      if (rate > maxRatePerS) {
        flags |= QualityFlag.RATE_OF_CHANGE.bit();
      }
    }
    sameCount = value == lastValue ? sameCount + 1 : 0;
    if (stuckAfter > 0 && sameCount >= stuckAfter) {
      flags |= QualityFlag.STUCK.bit();
    }
    lastValue = value;
    lastNanos = nanos;
    if (flags == 0) {
      lastGood = value;
    }
    return new Reading(value, flags);
  }

  /** The last good value flagged with {@code flags}, or NaN flagged when there never was one. */
  Reading failed(int flags) {
    lastValue = Double.NaN; // no rate-of-change check across a gap
    sameCount = 0;
    return new Reading(lastGood, flags | QualityFlag.STALE.bit());
  }
}
