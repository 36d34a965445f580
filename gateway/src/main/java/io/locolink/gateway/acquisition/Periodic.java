package io.locolink.gateway.acquisition;

/** Says when a slow channel group is due again, on the monotonic clock. Not thread-safe. */
final class Periodic {

  private final long periodNanos;
  private long nextNanos;
  private boolean first = true;

  Periodic(long periodNanos) {
    this.periodNanos = periodNanos;
  }

  /** True on the first call and whenever a period has passed since the last due time. */
  boolean due(long nowNanos) {
    if (first || nowNanos - nextNanos >= 0) {
      first = false;
      nextNanos = nowNanos + periodNanos;
      return true;
    }
    return false;
  }
}
