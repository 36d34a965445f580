package io.locolink.simulator.fleet;

/**
 * Latencies in 1 ms buckets up to 120 s (longer ones in the last bucket), for p50/p99.
 * Thread-safe.
 */
final class LatencyHistogram {

  private static final int BUCKETS = 120_001;
  private final long[] counts = new long[BUCKETS];
  private long total;
  private long maxMs;

  synchronized void record(long latencyMs) {
    int bucket = (int) Math.max(0, Math.min(BUCKETS - 1, latencyMs));
    counts[bucket]++;
    total++;
    maxMs = Math.max(maxMs, latencyMs);
  }

  /**
   * The latency at or below which a fraction of the samples lie, ms.
   *
   * @throws IllegalStateException if nothing was recorded
   */
  synchronized long percentileMs(double fraction) {
    if (total == 0) {
      throw new IllegalStateException("no latencies recorded");
    }
    long rank = (long) Math.ceil(fraction * total);
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return i;
      }
    }
    return BUCKETS - 1;
  }

  synchronized long count() {
    return total;
  }

  synchronized long maxMs() {
    return maxMs;
  }
}
