package io.locolink.gateway.uplink;

import java.time.InstantSource;

/**
 * A token bucket over bytes per second that live traffic always passes (and spends) and backlog
 * traffic waits for, so the backlog fills what the cap leaves and never delays the present.
 * Not thread-safe (used by one sender thread).
 */
final class BandwidthLimiter {

  private final long capBytesPerS;
  private final long burstBytes;
  private final InstantSource clock;
  private double tokens;
  private long lastMs;

  /**
   * @param capBytesPerS long-run average, bytes per second
   * @param burstBytes most bytes that may go out at once after a quiet spell
   */
  BandwidthLimiter(long capBytesPerS, long burstBytes, InstantSource clock) {
    this.capBytesPerS = capBytesPerS;
    this.burstBytes = burstBytes;
    this.clock = clock;
    this.tokens = burstBytes;
    this.lastMs = clock.millis();
  }

  /** Records live bytes sent (may push the bucket below zero). */
  void spendLive(int bytes) {
    refill();
    tokens -= bytes;
  }

  /** True if backlog may be sent now (the bucket is not empty). */
  boolean backlogAllowed() {
    refill();
    return tokens > 0;
  }

  /** Records backlog bytes sent. */
  void spendBacklog(int bytes) {
    refill();
    tokens -= bytes;
  }

  /** Milliseconds until backlog may flow again (0 if it may now). */
  long waitMs() {
    refill();
    return tokens > 0 ? 0 : (long) Math.ceil(-tokens * 1000.0 / capBytesPerS) + 1;
  }

  private void refill() {
    long now = clock.millis();
    if (now > lastMs) {
      tokens = Math.min(burstBytes, tokens + (now - lastMs) * capBytesPerS / 1000.0);
      lastMs = now;
    }
  }
}
