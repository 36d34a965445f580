package io.locolink.ground.station;

import io.locolink.gateway.systemd.ServiceManager;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells systemd how a started station stands ({@code Type=notify} with {@code WatchdogSec}): {@code READY=1}
 * when {@link #start} is called (the caller calls it once the HTTP server listens and the ingest runs), then
 * {@code WATCHDOG=1} every quarter of the watchdog timeout for as long as the liveness check passes. A station
 * whose check keeps failing (the ingest's writer hung, the database gone) stops pinging, and systemd restarts
 * it when the timeout runs out. Without a service manager, or without a watchdog, no thread is started.
 * Thread-safe.
 */
public final class ServiceNotifier implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceNotifier.class);

  private final ServiceManager manager;
  private final ScheduledExecutorService pinger;
  private boolean lastLive = true;

  private ServiceNotifier(ServiceManager manager, ScheduledExecutorService pinger) {
    this.manager = manager;
    this.pinger = pinger;
  }

  /**
   * Sends {@code READY=1} with {@code status}, and starts pinging the watchdog when the manager has one.
   *
   * @param live the liveness check, run on the notifier's own thread once per quarter of the timeout; it
   *     should answer within that time
   */
  public static ServiceNotifier start(ServiceManager manager, BooleanSupplier live, String status) {
    manager.ready(status);
    if (!manager.present() || manager.watchdogInterval().isEmpty()) {
      return new ServiceNotifier(manager, null);
    }
    Duration every = manager.watchdogInterval().get().dividedBy(4);
    ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform()
        .name("ground-watchdog").daemon().unstarted(r));
    ServiceNotifier notifier = new ServiceNotifier(manager, pinger);
    pinger.scheduleWithFixedDelay(() -> notifier.check(live), 0, every.toNanos(), TimeUnit.NANOSECONDS);
    return notifier;
  }

  private void check(BooleanSupplier live) {
    boolean ok;
    try {
      ok = live.getAsBoolean();
    } catch (RuntimeException e) {
      LOG.warn("liveness check failed: {}", e.toString());
      ok = false;
    }
    if (ok) {
      manager.watchdogAlive();
    }
    if (ok != lastLive) {
      if (ok) {
        LOG.info("station live again: watchdog pinged");
      } else {
        LOG.warn("station not live (ingest writer stuck or database away): watchdog not pinged");
      }
      lastLive = ok;
    }
  }

  /** Sends {@code STOPPING=1} and stops pinging. */
  @Override
  public void close() {
    manager.stopping();
    if (pinger != null) {
      pinger.shutdownNow();
    }
  }
}
