package io.locolink.gateway.systemd;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Pings the service manager's watchdog from a loop that must keep turning: call {@link #cycleDone()}
 * after every pass; it sends {@code WATCHDOG=1} at most once per quarter of the watchdog timeout.
 * A pass that hangs (a stuck bus, a native call that never returns) stops the pings, and systemd
 * restarts the service when the timeout runs out. Called from one thread.
 */
public final class WatchdogPinger {

  private final ServiceManager manager;
  private final LongSupplier monotonicNanos;
  private final long everyNanos;
  private long lastNanos;
  private boolean first = true;

  /**
   * @param monotonicNanos a monotonic clock, nanoseconds ({@code System::nanoTime})
   */
  public WatchdogPinger(ServiceManager manager, LongSupplier monotonicNanos) {
    this.manager = manager;
    this.monotonicNanos = monotonicNanos;
    this.everyNanos = manager.watchdogInterval().map(Duration::toNanos).map(n -> n / 4).orElse(-1L);
  }

  /** True when a watchdog is there to ping. */
  public boolean active() {
    return everyNanos > 0;
  }

  /**
   * One pass of the loop ended; pings when a quarter of the timeout passed since the last ping. Nothing is
   * sent before the manager was told the start is complete ({@link ServiceManager#readySent()}): the watchdog
   * is not armed before, and the first send loads a native library, which stays off the start's path.
   */
  public void cycleDone() {
    if (everyNanos <= 0 || !manager.readySent()) {
      return;
    }
    long now = monotonicNanos.getAsLong();
    if (first || now - lastNanos >= everyNanos) {
      first = false;
      lastNanos = now;
      manager.watchdogAlive();
    }
  }
}
