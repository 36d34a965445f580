package io.locolink.ground.collect;

import io.locolink.gateway.depot.KeyFileException;
import io.locolink.proto.v1.EnergyRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects by itself: every round, for each locomotive whose depot endpoint is announced, pulls the
 * trip logs the station does not have (resumable, SHA-256 verified, stored by content hash),
 * acknowledges each to the gateway, and fetches the energy records after the newest period it
 * holds. Locomotives are collected in parallel (one DTLS client each); a failure (unreachable,
 * wrong key, changed log) is recorded with its reason and the others go on. Rounds run on its own
 * threads every {@code interval}; {@link #collectNow()} runs one and waits for it.
 */
public final class DepotCollector implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DepotCollector.class);
  /** Largest range asked for in one energy request (the gateway allows 62 days by default). */
  static final Duration ENERGY_PIECE = Duration.ofDays(31);

  /**
   * Settings of the collector.
   *
   * @param interval time between rounds
   * @param parallel locomotives collected at once
   * @param window block requests in flight per download
   * @param timeout longest wait for one CoAP answer
   * @param energyLookback how far back energy is fetched the first time a locomotive is collected
   */
  public record Settings(Duration interval, int parallel, int window, Duration timeout, Duration energyLookback) {
    /** 60 s rounds, 8 at once, 4 blocks in flight, 15 s answers, 62 days of energy the first time. */
    public static Settings defaults() {
      return new Settings(Duration.ofSeconds(60), 8, 4, Duration.ofSeconds(15), Duration.ofDays(62));
    }
  }

  /** The outcome of one locomotive's round. */
  public record Result(String locomotive, int tripsCollected, int tripsPending, int energyRecords, long resumedBytes,
      String failure) {
    public boolean ok() {
      return failure == null;
    }
  }

  private final Supplier<Map<String, DepotEndpoint>> endpoints;
  private final DepotKeyStore keys;
  private final LogStore logs;
  private final CollectionStore store;
  private final Settings settings;
  private final InstantSource clock;
  private final ExecutorService pool;
  private final ScheduledExecutorService timer;
  private final Set<String> busy = ConcurrentHashMap.newKeySet();
  /** Bytes resumed from partial files in the current thread's round. */
  private final ThreadLocal<Long> resumedTotal = ThreadLocal.withInitial(() -> 0L);

  public DepotCollector(Supplier<Map<String, DepotEndpoint>> endpoints, DepotKeyStore keys, LogStore logs,
      CollectionStore store, Settings settings, InstantSource clock) {
    this.endpoints = endpoints;
    this.keys = keys;
    this.logs = logs;
    this.store = store;
    this.settings = settings;
    this.clock = clock;
    this.pool = Executors.newFixedThreadPool(settings.parallel(), r -> Thread.ofPlatform().name("depot-collect")
        .daemon().unstarted(r));
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("depot-collect-timer")
        .daemon().unstarted(r));
  }

  /**
   * Starts the periodic rounds, the first one interval after the start (the announcements arrive
   * meanwhile). Non-blocking.
   */
  public void start() {
    timer.scheduleWithFixedDelay(() -> {
      try {
        collectNow();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        LOG.warn("depot collection round failed: {}", e.toString());
      }
    }, settings.interval().toMillis(), settings.interval().toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Runs one round over the announced endpoints and waits for it; a locomotive whose previous
   * round still runs is skipped.
   */
  public List<Result> collectNow() throws InterruptedException {
    List<Future<Result>> futures = new ArrayList<>();
    for (DepotEndpoint e : endpoints.get().values()) {
      if (busy.add(e.locomotive())) {
        futures.add(pool.submit(() -> {
          try {
            return collect(e);
          } finally {
            busy.remove(e.locomotive());
          }
        }));
      }
    }
    List<Result> results = new ArrayList<>();
    for (Future<Result> f : futures) {
      try {
        results.add(f.get());
      } catch (ExecutionException ex) {
        throw new IllegalStateException("collection of a locomotive failed unexpectedly", ex.getCause());
      }
    }
    return results;
  }

  /** One locomotive's round; never throws for a depot, key or file problem, records it instead. */
  Result collect(DepotEndpoint e) {
    String loco = e.locomotive();
    int collected = 0;
    int pending = 0;
    int energy = 0;
    resumedTotal.set(0L);
    try {
      DepotKeyStore.Key key;
      try {
        key = keys.keyFor(loco, e.identities());
      } catch (KeyFileException ex) {
        store.attempt(loco, e.uri().toString(), null, clock.instant());
        return failed(loco, 0, "key: " + ex.getMessage());
      }
      store.attempt(loco, e.uri().toString(), key.identity(), clock.instant());
      try (DepotClient client = DepotClient.connect(e.uri(), key.identity(), key.secret(), settings.timeout())) {
        List<TripListing> listed = client.listTrips();
        Map<String, Boolean> have = store.trips(loco);
        List<TripListing> todo = listed.stream().filter(t -> !have.containsKey(t.id())).toList();
        pending = todo.size();
        String tripFailure = null;
        for (TripListing t : todo) {
          try {
            if (fetch(client, loco, t)) {
              store.addTrip(loco, t, clock.instant());
              collected++;
              pending--;
            } else {
              tripFailure = t.id() + ": SHA-256 of the download differs from the gateway's list";
            }
          } catch (DepotTransferException ex) {
            tripFailure = t.id() + ": " + ex.getMessage();
            break;
          }
        }
        Map<String, Boolean> stored = store.trips(loco);
        for (TripListing t : listed) {
          if (Boolean.FALSE.equals(stored.get(t.id()))) {
            if (!t.collected()) {
              client.acknowledge(t);
            }
            store.acknowledged(loco, t.id(), clock.instant());
          }
        }
        if (tripFailure != null) {
          return failed(loco, pending, tripFailure);
        }
        energy = fetchEnergy(client, loco);
        store.succeeded(loco, clock.instant(), pending);
        return new Result(loco, collected, pending, energy, resumedTotal.get(), null);
      }
    } catch (DepotTransferException | IllegalArgumentException | UncheckedIOException ex) {
      return failed(loco, pending, ex.getMessage());
    } catch (IOException | SQLException ex) {
      return failed(loco, pending, ex.getClass().getSimpleName() + ": " + ex.getMessage());
    }
  }

  private Result failed(String loco, int pending, String reason) {
    LOG.warn("{}: depot collection failed: {}", loco, reason);
    try {
      store.failed(loco, clock.instant(), pending, reason);
    } catch (SQLException ex) {
      LOG.warn("{}: cannot record the failure: {}", loco, ex.getMessage());
    }
    return new Result(loco, 0, pending, 0, resumedTotal.get(), reason);
  }

  /** Downloads (resuming) and verifies one log; true when it is stored under its SHA-256. */
  private boolean fetch(DepotClient client, String loco, TripListing t) throws IOException {
    if (logs.has(t.sha256())) {
      return true;
    }
    Path part = logs.partial(loco, t);
    long resumed = client.downloadLog(t, part, settings.window(), (w, total) -> true);
    resumedTotal.set(resumedTotal.get() + resumed);
    boolean ok = logs.commit(part, t.sha256());
    if (ok) {
      LOG.info("{}: collected trip {} ({} bytes{})", loco, t.id(), t.sizeBytes(),
          resumed > 0 ? ", resumed at byte " + resumed : "");
    }
    return ok;
  }

  /** Fetches the energy periods after the newest one held (or the lookback), in pieces. */
  private int fetchEnergy(DepotClient client, String loco) throws SQLException {
    Instant now = clock.instant();
    Instant from = store.energyThrough(loco).orElse(now.minus(settings.energyLookback()));
    int added = 0;
    Instant newest = null;
    for (Instant a = from; a.isBefore(now); a = a.plus(ENERGY_PIECE)) {
      Instant b = a.plus(ENERGY_PIECE).isBefore(now) ? a.plus(ENERGY_PIECE) : now;
      List<EnergyRecord> records = client.energy(a, b);
      added += store.addEnergy(loco, records, now);
      for (EnergyRecord r : records) {
        Instant end = Instant.ofEpochSecond(r.getPeriodEndUnixS());
        newest = newest == null || end.isAfter(newest) ? end : newest;
      }
    }
    if (newest != null) {
      store.energyThrough(loco, newest);
    }
    return added;
  }

  /** Stops the rounds; a download in progress is cut and resumes at the next start. */
  @Override
  public void close() {
    timer.shutdownNow();
    pool.shutdownNow();
    try {
      pool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
