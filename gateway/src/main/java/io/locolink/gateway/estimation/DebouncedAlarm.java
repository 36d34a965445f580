package io.locolink.gateway.estimation;

/**
 * The state of one alarm tier for one cell, sensor or drive. It raises after the value has been
 * past the limit for {@code raiseAfterNanos} without a break, and clears after it has been back
 * inside by the hysteresis (or the limit stopped applying) for {@code clearAfterNanos} without a
 * break, so a noisy value near the limit does not chatter. Not thread-safe.
 */
final class DebouncedAlarm {

  /** What an observation did to the alarm. */
  enum Change {
    NONE,
    RAISED,
    CLEARED
  }

  private final long raiseAfterNanos;
  private final long clearAfterNanos;
  private boolean active;
  private boolean pending;
  private long pendingSinceNanos;
  private double lastValue;

  DebouncedAlarm(long raiseAfterNanos, long clearAfterNanos) {
    this.raiseAfterNanos = raiseAfterNanos;
    this.clearAfterNanos = clearAfterNanos;
  }

  boolean active() {
    return active;
  }

  /** True while a raise or clear is waiting out its debounce. */
  boolean pending() {
    return pending;
  }

  double lastValue() {
    return lastValue;
  }

  /** Folds in one observation at monotonic time {@code nowNanos}. */
  Change observe(AlarmLimit limit, double value, boolean applies, long nowNanos) {
    lastValue = value;
    boolean towardChange = active ? !applies || limit.recovered(value) : applies && limit.violated(value);
    if (!towardChange) {
      pending = false;
      return Change.NONE;
    }
    if (!pending) {
      pending = true;
      pendingSinceNanos = nowNanos;
    }
    if (nowNanos - pendingSinceNanos < (active ? clearAfterNanos : raiseAfterNanos)) {
      return Change.NONE;
    }
    pending = false;
    active = !active;
    return active ? Change.RAISED : Change.CLEARED;
  }
}
