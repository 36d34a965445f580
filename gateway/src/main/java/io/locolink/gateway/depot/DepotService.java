package io.locolink.gateway.depot;

import io.locolink.gateway.config.DepotConfig;
import io.locolink.gateway.archive.EnergyStore;
import io.locolink.gateway.trips.TripStore;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the depot server running without ever holding the gateway back: a start that fails (bind
 * address not on any interface, port taken, key file missing or bad) is logged and retried with
 * backoff (1 s doubling to {@link #MAX_BACKOFF}); while serving, the bind address is checked every
 * {@link #WATCH_INTERVAL} and the server is stopped and retried when it has left its interface
 * (the depot Wi-Fi out of range). Every attempt re-reads the key file. {@link #state()} says where
 * it stands, for the retained status and {@code /health}. The first attempt runs in
 * {@link #start}, or, for a service made by {@link #deferred}, on a daemon thread of its own once
 * {@link #beginNow()} is called or its latest start is due; later ones on that thread. Thread-safe.
 */
public final class DepotService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DepotService.class);
  static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
  static final Duration WATCH_INTERVAL = Duration.ofSeconds(5);

  private final DepotConfig config;
  private final TripStore trips;
  private final EnergyStore energy;
  private final InstantSource clock;
  private final Supplier<List<HealthCheck>> health;
  private final ScheduledExecutorService scheduler;
  private final Runnable onStateChange;
  private DepotServer server;
  private volatile DepotState state;
  private volatile boolean begun;
  private final CountDownLatch firstAttempt = new CountDownLatch(1);
  private String lastLoggedError;
  private int failures;
  private boolean closed;

  private DepotService(DepotConfig config, TripStore trips, EnergyStore energy, InstantSource clock,
      Supplier<List<HealthCheck>> health, Runnable onStateChange) {
    this.config = config;
    this.onStateChange = onStateChange;
    this.state = DepotState.notStarted(clock.instant());
    this.trips = trips;
    this.energy = energy;
    this.clock = clock;
    this.health = health;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "depot-start");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Makes the first start attempt (blocks for it: reading the key file and binding) and returns
   * whether or not it succeeded; a failed attempt is retried in the background.
   *
   * @param health the checks {@code /health} reports, called on the server's thread per request
   */
  public static DepotService start(DepotConfig config, TripStore trips, EnergyStore energy, InstantSource clock,
      Supplier<List<HealthCheck>> health) {
    DepotService service = new DepotService(config, trips, energy, clock, health, () -> {});
    service.begin();
    return service;
  }

  /**
   * A service that does not start the server yet: nothing of the DTLS stack is loaded until the
   * first attempt, which runs on the service's own thread after {@link #beginNow()} or, at the
   * latest, after {@code latestStart}. Until then its state is {@link DepotState#notStarted}.
   *
   * @param onStateChange called after every change of {@link #state()}, on the service's thread; must
   *     not block (the gateway asks the uplink to republish the retained status)
   */
  public static DepotService deferred(DepotConfig config, TripStore trips, EnergyStore energy, InstantSource clock,
      Supplier<List<HealthCheck>> health, Duration latestStart, Runnable onStateChange) {
    DepotService service = new DepotService(config, trips, energy, clock, health, onStateChange);
    service.state = DepotState.notStarted(clock.instant().plus(latestStart));
    service.scheduler.schedule(service::begin, latestStart.toMillis(), TimeUnit.MILLISECONDS);
    return service;
  }

  /** Starts a {@link #deferred} service's first attempt now, on its own thread; returns at once. Idempotent. */
  public void beginNow() {
    if (begun) {
      return;  // the gateway calls this after every frame
    }
    try {
      scheduler.execute(this::begin);
    } catch (RejectedExecutionException e) {
      LOG.debug("depot server closed before it started");
    }
  }

  private void begin() {
    synchronized (this) {
      if (begun || closed) {
        return;
      }
      begun = true;
    }
    try {
      attempt();
    } finally {
      firstAttempt.countDown();
    }
    scheduler.scheduleWithFixedDelay(this::watch, WATCH_INTERVAL.toMillis(), WATCH_INTERVAL.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private void setState(DepotState next) {
    state = next;
    try {
      onStateChange.run();
    } catch (RuntimeException e) {
      LOG.warn("depot state listener failed", e);
    }
  }

  /**
   * Waits until the first start attempt has ended, serving or not; true if it had within {@code timeout}.
   */
  public boolean awaitFirstAttempt(Duration timeout) throws InterruptedException {
    return firstAttempt.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Where the server stands now. Non-blocking. */
  public DepotState state() {
    return state;
  }

  /** Offers a live battery state to {@code /battery} observers while serving; dropped otherwise. Non-blocking. */
  public void publishBattery(LiveBattery battery) {
    DepotServer current;
    synchronized (this) {
      current = server;
    }
    if (current != null) {
      current.publishBattery(battery);
    }
  }

  private synchronized void attempt() {
    if (closed || server != null) {
      return;
    }
    DepotServer created = null;
    try {
      InetAddress bind = InetAddress.getByName(config.bindAddress());
      requireLocal(bind);
      created = DepotServer.create(config, trips, energy, clock, health);
      created.start();
      server = created;
      setState(DepotState.serving(created.dtlsAddress().getAddress().getHostAddress(),
          created.dtlsAddress().getPort(), created.identities()));
      LOG.info("depot server serving on {}:{}{}", state.address(), state.port(),
          failures == 0 ? "" : " after " + failures + " failed attempts");
      failures = 0;
      lastLoggedError = null;
    } catch (KeyFileException | UncheckedIOException | IllegalArgumentException | IllegalStateException
        | UnknownHostException e) {
      if (created != null) {
        created.close();
      }
      failures++;
      Duration delay = backoff(failures);
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      setState(DepotState.retrying(reason, failures, clock.instant().plus(delay)));
      if (!Objects.equals(reason, lastLoggedError)) {
        LOG.warn("depot server not serving: {}; telemetry goes on, retrying (next in {} s)", reason,
            delay.toSeconds());
        lastLoggedError = reason;
      } else {
        LOG.debug("depot server still not serving: {} (attempt {})", reason, failures);
      }
      scheduler.schedule(this::attempt, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Deletes collected trips past {@code depot.deleteCollectedAfterS}, and stops a server whose bind
   * address has left its interface (the retry loop takes over).
   */
  private void watch() {
    config.deleteCollectedAfter().ifPresent(keep -> trips.deleteCollectedBefore(clock.instant().minus(keep)));
    synchronized (this) {
      if (closed || server == null) {
        return;
      }
      try {
        requireLocal(server.dtlsAddress().getAddress());
        return;
      } catch (UncheckedIOException e) {
        LOG.warn("depot server stopped: {}", e.getMessage());
        server.close();
        server = null;
        failures = 0;
      }
    }
    attempt();
  }

  /** 1 s, 2 s, 4 s ... up to {@link #MAX_BACKOFF}. */
  static Duration backoff(int failures) {
    long ms = FIRST_BACKOFF.toMillis() << Math.min(failures - 1, 16);
    return Duration.ofMillis(Math.min(ms, MAX_BACKOFF.toMillis()));
  }

  /** Throws unless {@code address} is the wildcard, loopback, or assigned to an interface of this host. */
  private static void requireLocal(InetAddress address) {
    if (address.isAnyLocalAddress() || address.isLoopbackAddress()) {
      return;
    }
    try {
      if (NetworkInterface.getByInetAddress(address) == null) {
        String problem = "bind address " + address.getHostAddress() + " is not on any interface";
        throw new UncheckedIOException(problem, new SocketException(problem));
      }
    } catch (SocketException e) {
      throw new UncheckedIOException("cannot list network interfaces: " + e.getMessage(), e);
    }
  }

  /** Stops the retries and the server. Idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      if (server != null) {
        server.close();
        server = null;
      }
    }
    scheduler.shutdownNow();
  }
}
