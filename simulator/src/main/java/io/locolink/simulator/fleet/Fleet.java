package io.locolink.simulator.fleet;

import io.locolink.gateway.framing.StreamKind;
import io.locolink.simulator.physics.LocomotiveState;
import io.locolink.simulator.physics.VehicleSpec;
import io.locolink.simulator.scenario.Scenario;
import io.locolink.simulator.scenario.ScenarioRunner;
import io.locolink.simulator.scenario.Scenarios;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many simulated locomotives against one broker: each steps its own scenario in real time and
 * runs one gateway cycle a second (one telemetry frame, plus energy records and alarms when its
 * estimator closes them) through its own journal and the gateway's uplink, spread evenly over the
 * second; plain Paho publishers of the same payload size may run alongside as a baseline; a
 * ground counter counts what arrives.
 * {@link #run()} blocks for the run's duration plus the drain.
 */
public final class Fleet {

  private static final Logger LOG = LoggerFactory.getLogger(Fleet.class);
  private static final long PERIOD_MS = 1000;
  private static final int CONNECT_CONCURRENCY = 64;
  private static final long DRAIN_TIMEOUT_MS = 30_000;

  private final FleetOptions options;
  private final InstantSource clock;
  private final Function<ScheduledExecutorService, LocomotivePublisher.Factory> locomotives;
  private JournalRoot root;

  /**
   * A fleet whose locomotives run the gateway's pipeline, journal and uplink, their journals in
   * {@code options.stateDir()} or, when that is null, in a temporary directory removed after the run.
   */
  public Fleet(FleetOptions options, InstantSource clock) {
    this(options, clock, new JournalRoot(options.stateDir()));
  }

  private Fleet(FleetOptions options, InstantSource clock, JournalRoot root) {
    this(options, clock, executor -> gatewayLocomotives(options, executor, clock, root.path()));
    this.root = root;
  }

  /**
   * A fleet with another publishing side per locomotive.
   *
   * @param locomotives given the shared virtual-thread scheduler, makes the factory
   */
  public Fleet(FleetOptions options, InstantSource clock,
      Function<ScheduledExecutorService, LocomotivePublisher.Factory> locomotives) {
    this.options = Objects.requireNonNull(options, "options");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.locomotives = Objects.requireNonNull(locomotives, "locomotives");
  }

  /**
   * Gateway pipelines, each with its journal in {@code stateRoot/{loco}} and the gateway's uplink,
   * publishing on {@code locolink/v1/{loco}/{stream}}.
   */
  static LocomotivePublisher.Factory gatewayLocomotives(FleetOptions options, ScheduledExecutorService executor,
      InstantSource clock, Path stateRoot) {
    VehicleSpec vehicle = Scenarios.builtIn(options.scenario()).vehicleSpec();
    return (id, seed, initial) -> new GatewayLocomotive(id, seed, initial, vehicle, options.acquisition(), clock,
        options.brokerUrl(), stateRoot.resolve(id), executor);
  }

  /** Where the journals live: the given directory, or a temporary one made on first use and removed after. */
  private static final class JournalRoot {

    private final Path given;
    private Path temporary;

    JournalRoot(Path given) {
      this.given = given;
    }

    synchronized Path path() {
      if (given != null) {
        return given;
      }
      if (temporary == null) {
        try {
          temporary = Files.createTempDirectory("locolink-fleet");
        } catch (IOException e) {
          throw new FleetException("cannot create a temporary directory for the journals", e);
        }
      }
      return temporary;
    }

    synchronized void removeTemporary() {
      if (temporary == null) {
        return;
      }
      try (var paths = Files.walk(temporary)) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      } catch (IOException e) {
        LOG.warn("fleet: could not remove {}: {}", temporary, e.toString());
      }
    }
  }

  /** The id of the fleet's locomotive {@code i} in run {@code run}: {@code loco-RUN-00000} and on. */
  static String locomotiveId(String run, int i) {
    return String.format("loco-%s-%05d", run, i);
  }

  /** The id of the fleet's plain publisher {@code i} in run {@code run}: {@code plain-RUN-00000} and on. */
  static String plainId(String run, int i) {
    return String.format("plain-%s-%05d", run, i);
  }

  /**
   * Runs the fleet and reports what the ground counted. Its locomotive, publisher and client ids
   * carry the run's tag ({@link RunIds}), so other runs on the broker do not disturb it.
   *
   * @throws FleetException if clients cannot connect
   * @throws InterruptedException if interrupted while running
   */
  public FleetReport run() throws InterruptedException {
    ScheduledExecutorService mqtt = new VirtualThreadScheduler();
    ScheduledThreadPoolExecutor ticker = new ScheduledThreadPoolExecutor(2);
    List<LocomotivePublisher> locos = new ArrayList<>();
    List<PlainPublisher> plain = new ArrayList<>();
    List<ScenarioRunner> runners = new ArrayList<>();
    String run = RunIds.resolve(options.runId(), options.stateDir(), new SecureRandom());
    // Only this run's senders count: others on the same broker (a demo, a fleet) are not its gaps.
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < options.locomotives(); i++) {
      ids.add(locomotiveId(run, i));
    }
    for (int i = 0; i < options.plainPublishers(); i++) {
      ids.add(plainId(run, i));
    }
    LOG.info("fleet run {}: locomotives loco-{}-NNNNN", run, run);
    try (GroundCounter counter = new GroundCounter(options.brokerUrl(), mqtt, clock, options.groundSubscribers(),
        ids::contains, run)) {
      counter.start();
      Scenario scenario = Scenarios.builtIn(options.scenario()).startingAt(clock.instant());
      LocomotivePublisher.Factory factory = locomotives.apply(mqtt);
      for (int i = 0; i < options.locomotives(); i++) {
        ScenarioRunner runner = ScenarioRunner.create(scenario, options.seed() + i);
        runners.add(runner);
        locos.add(factory.create(locomotiveId(run, i), options.seed() + i, runner.latest()));
      }
      LocomotiveState first = runners.isEmpty() ? ScenarioRunner.create(scenario, options.seed()).latest()
          : runners.get(0).latest();
      int frameBytes = GatewayLocomotive.frameBytes(locomotiveId(run, 0), first, scenario.vehicleSpec(), clock);
      for (int i = 0; i < options.plainPublishers(); i++) {
        String id = plainId(run, i);
        plain.add(new PlainPublisher(id, new PahoPublisher(options.brokerUrl(), "locolink-bench-" + id, mqtt),
            frameBytes, clock));
      }
      long t0 = System.nanoTime();
      List<Runnable> connects = new ArrayList<>();
      locos.forEach(l -> connects.add(l::connect));
      plain.forEach(p -> connects.add(p.client()::connect));
      connectAll(connects);
      double connectS = (System.nanoTime() - t0) / 1e9;
      LOG.info("{} clients connected in {} s", connects.size(), String.format("%.1f", connectS));

      int senders = locos.size() + plain.size();
      for (int i = 0; i < locos.size(); i++) {
        ScenarioRunner runner = runners.get(i);
        LocomotivePublisher loco = locos.get(i);
        schedule(ticker, i, senders, () -> loco.publish(runner.advance(1.0)));
      }
      for (int i = 0; i < plain.size(); i++) {
        schedule(ticker, locos.size() + i, senders, plain.get(i)::publish);
      }
      counter.timeFrom(clock.millis() + options.warmUp().toMillis());
      Thread.sleep(options.warmUp().toMillis());
      long cpu0 = processCpuNanos();
      long wall0 = System.nanoTime();
      Thread.sleep(options.duration().toMillis());
      ticker.shutdown();
      if (!ticker.awaitTermination(10, TimeUnit.SECONDS)) {
        ticker.shutdownNow();
      }
      double cpuPercent = 100.0 * (processCpuNanos() - cpu0) / (System.nanoTime() - wall0);
      long residentMb = residentMb();
      drain(locos, plain, counter);
      long plainSent = plain.stream().mapToLong(p -> p.client().sent()).sum();
      long plainAcked = plain.stream().mapToLong(p -> p.client().acknowledged()).sum();
      return new FleetReport(locos.size(), options.acquisition(), frameBytes, published(locos, true),
          published(locos, false), acknowledged(locos), refused(locos), counter.locomotives(),
          counter.received(StreamKind.TELEMETRY), counter.received(StreamKind.ENERGY) + counter.received(StreamKind.ALARM),
          counter.undecodable(), plainSent, plainAcked, counter.plain(), connectS, residentMb, cpuPercent);
    } finally {
      ticker.shutdownNow();
      List<AutoCloseable> all = new ArrayList<>(locos);
      plain.forEach(p -> all.add(p.client()));
      closeAll(all);
      runners.forEach(ScenarioRunner::close);
      mqtt.shutdownNow();
      if (root != null) {
        root.removeTemporary();
      }
    }
  }

  private static void schedule(ScheduledExecutorService ticker, int index, int senders, Runnable tick) {
    long offsetMs = index * PERIOD_MS / senders;
    ticker.scheduleAtFixedRate(() -> {
      try {
        tick.run();
      } catch (RuntimeException e) {
        LOG.warn("fleet tick {} failed", index, e);
      }
    }, offsetMs, PERIOD_MS, TimeUnit.MILLISECONDS);
  }

  private static void connectAll(List<Runnable> connects) throws InterruptedException {
    Semaphore permits = new Semaphore(CONNECT_CONCURRENCY);
    List<Future<?>> done = new ArrayList<>();
    try (ExecutorService connect = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Runnable c : connects) {
        done.add(connect.submit(() -> {
          permits.acquireUninterruptibly();
          try {
            c.run();
          } finally {
            permits.release();
          }
        }));
      }
      for (Future<?> f : done) {
        try {
          f.get();
        } catch (ExecutionException e) {
          throw e.getCause() instanceof FleetException fe ? fe : new FleetException("connect failed", e.getCause());
        }
      }
    }
  }

  private static void drain(List<LocomotivePublisher> locos, List<PlainPublisher> plain, GroundCounter counter)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_TIMEOUT_MS);
    while (System.nanoTime() < deadline) {
      long published = published(locos, true) + published(locos, false);
      long settled = acknowledged(locos) + refused(locos);
      long plainSent = plain.stream().mapToLong(p -> p.client().sent()).sum();
      long plainSettled = plain.stream().mapToLong(p -> p.client().acknowledged() + p.client().refused()).sum();
      long plainAcked = plain.stream().mapToLong(p -> p.client().acknowledged()).sum();
      boolean sent = settled >= published && plainSettled >= plainSent;
      boolean counted = counter.locomotives().frames() >= acknowledged(locos) && counter.plain().frames() >= plainAcked;
      if (sent && counted) {
        Thread.sleep(500);
        return;
      }
      Thread.sleep(100);
    }
    LOG.warn("fleet drain timed out: not every message was acknowledged and counted");
  }

  /** Messages the locomotives' pipelines published: telemetry frames, or energy records and alarms. */
  private static long published(List<LocomotivePublisher> locos, boolean telemetry) {
    long s = 0;
    for (LocomotivePublisher p : locos) {
      var byKind = p.published();
      s += telemetry ? byKind.get(StreamKind.TELEMETRY)
          : byKind.get(StreamKind.ENERGY) + byKind.get(StreamKind.ALARM);
    }
    return s;
  }

  private static long acknowledged(List<LocomotivePublisher> locos) {
    return locos.stream().mapToLong(LocomotivePublisher::acknowledged).sum();
  }

  private static long refused(List<LocomotivePublisher> locos) {
    return locos.stream().mapToLong(LocomotivePublisher::refused).sum();
  }

  private static void closeAll(List<AutoCloseable> closeables) {
    try (ExecutorService closer = Executors.newVirtualThreadPerTaskExecutor()) {
      for (AutoCloseable c : closeables) {
        closer.submit(() -> {
          c.close();
          return null;
        });
      }
    }
  }

  /** CPU time of this process so far, ns; 0 where the JVM does not tell. */
  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? Math.max(0, os.getProcessCpuTime()) : 0;
  }

  /** Resident set size of this process from /proc, MB; 0 where /proc is unavailable. */
  private static long residentMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      LOG.debug("no resident size: {}", e.getMessage());
    }
    return 0;
  }
}
