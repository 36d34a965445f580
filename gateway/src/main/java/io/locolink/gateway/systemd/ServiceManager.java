package io.locolink.gateway.systemd;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service manager that started this process, as systemd describes it in the environment
 * ({@code NOTIFY_SOCKET}, {@code WATCHDOG_USEC}, {@code WATCHDOG_PID}), and the sd_notify
 * messages the gateway sends it. Without {@code NOTIFY_SOCKET} every call does nothing. A failed
 * send is logged once and never thrown: telemetry does not stop because the manager went away.
 * Thread-safe.
 */
public final class ServiceManager {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceManager.class);

  private final String socket;
  private final Duration watchdogInterval;
  private volatile boolean warned;
  private volatile boolean ready;

  private ServiceManager(String socket, Duration watchdogInterval) {
    this.socket = socket;
    this.watchdogInterval = watchdogInterval;
  }

  /** From this process's environment. */
  public static ServiceManager fromEnvironment() {
    return fromEnvironment(System.getenv(), ProcessHandle.current().pid());
  }

  /**
   * From {@code env} as systemd sets it for process {@code pid}: the watchdog applies when
   * {@code WATCHDOG_USEC} is a positive number and {@code WATCHDOG_PID}, if set, is {@code pid}.
   */
  public static ServiceManager fromEnvironment(Map<String, String> env, long pid) {
    String socket = env.get("NOTIFY_SOCKET");
    if (socket == null || socket.isEmpty()) {
      return new ServiceManager(null, null);
    }
    Duration interval = null;
    String usec = env.get("WATCHDOG_USEC");
    String forPid = env.get("WATCHDOG_PID");
    if (usec != null && (forPid == null || forPid.equals(Long.toString(pid)))) {
      try {
        long micros = Long.parseLong(usec.strip());
        interval = micros > 0 ? Duration.ofNanos(micros * 1000) : null;
      } catch (NumberFormatException e) {
        LOG.warn("WATCHDOG_USEC '{}' is not a number; the watchdog is not pinged", usec);
      }
    }
    return new ServiceManager(socket, interval);
  }

  /** True when started by a service manager that listens for notifications. */
  public boolean present() {
    return socket != null;
  }

  /** The watchdog timeout the manager enforces, if it has one for this process. */
  public Optional<Duration> watchdogInterval() {
    return Optional.ofNullable(watchdogInterval);
  }

  /**
   * Start-up is complete: {@code READY=1} with a status line. The first notification of a process loads
   * the C library binding, so the gateway sends this once its first frame had its time to reach the ground.
   */
  public void ready(String status) {
    notify("READY=1\nSTATUS=" + status);
    ready = true;
  }

  /**
   * True once {@link #ready} was called: systemd arms the watchdog when start-up is complete
   * (systemd.service(5), {@code WatchdogSec=}), so there is nothing to ping before.
   */
  public boolean readySent() {
    return ready;
  }

  /** Shutting down: {@code STOPPING=1}. */
  public void stopping() {
    notify("STOPPING=1");
  }

  /** The process is alive: {@code WATCHDOG=1}. */
  public void watchdogAlive() {
    notify("WATCHDOG=1");
  }

  private void notify(String message) {
    if (socket == null) {
      return;
    }
    try {
      UnixDatagram.send(socket, message);
    } catch (RuntimeException | LinkageError e) {
      if (!warned) {
        warned = true;
        LOG.warn("cannot notify the service manager at {}: {}", socket, e.toString());
      }
    }
  }
}
