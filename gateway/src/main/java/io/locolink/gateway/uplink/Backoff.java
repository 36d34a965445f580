package io.locolink.gateway.uplink;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential reconnect delays with "equal jitter": the n-th delay after a failure lies in
 * [d/2, d) where d = min(max, initial * 2^n), so a fleet that lost the same broker does not come
 * back in step. Not thread-safe (used by the uplink's link thread only).
 */
final class Backoff {

  private final long initialMs;
  private final long maxMs;
  private final RandomGenerator random;
  private int failures;

  Backoff(long initialMs, long maxMs, RandomGenerator random) {
    if (initialMs <= 0 || maxMs < initialMs) {
      throw new IllegalArgumentException("need 0 < initialMs <= maxMs, got " + initialMs + ", " + maxMs);
    }
    this.initialMs = initialMs;
    this.maxMs = maxMs;
    this.random = random;
  }

  /** The delay before the next attempt; each call doubles the ceiling up to the maximum. */
  Duration next() {
    long ceiling = failures >= 62 ? maxMs : Math.min(maxMs, initialMs << Math.min(failures, 40));
    if (ceiling <= 0) {
      ceiling = maxMs;
    }
    failures++;
    long half = ceiling / 2;
    return Duration.ofMillis(half + random.nextLong(Math.max(1, ceiling - half)));
  }

  /** Call after a successful connection: the next failure starts from the initial delay again. */
  void reset() {
    failures = 0;
  }
}
