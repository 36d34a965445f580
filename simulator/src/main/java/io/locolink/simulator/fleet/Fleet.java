package io.locolink.simulator.fleet;

import io.locolink.simulator.scenario.Scenario;
import io.locolink.simulator.scenario.ScenarioRunner;
import io.locolink.simulator.scenario.Scenarios;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many simulated locomotives against one broker: each steps its own scenario in real time and
 * publishes one frame a second through its own publisher, spread evenly over the second; plain
 * Paho publishers of the same payload size may run alongside as a baseline; a ground counter
 * counts what arrives. {@link #run()} blocks for the run's duration plus the drain.
 */
public final class Fleet {

  private static final Logger LOG = LoggerFactory.getLogger(Fleet.class);
  private static final long PERIOD_MS = 1000;
  private static final int CONNECT_CONCURRENCY = 64;
  private static final long DRAIN_TIMEOUT_MS = 30_000;

  private final FleetOptions options;
  private final InstantSource clock;
  private final Function<ScheduledExecutorService, LocomotivePublisher.Factory> telemetryPublishers;

  /** A fleet whose locomotives publish telemetry frames with Paho. */
  public Fleet(FleetOptions options, InstantSource clock) {
    this(options, clock, executor -> pahoTelemetry(options, executor, clock));
  }

  /**
   * A fleet with another publishing pipeline per locomotive.
   *
   * @param telemetryPublishers given the shared virtual-thread scheduler, makes the factory
   */
  public Fleet(FleetOptions options, InstantSource clock,
      Function<ScheduledExecutorService, LocomotivePublisher.Factory> telemetryPublishers) {
    this.options = Objects.requireNonNull(options, "options");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.telemetryPublishers = Objects.requireNonNull(telemetryPublishers, "telemetryPublishers");
  }

  /** Paho publishers of telemetry frames on {@code locolink/v1/{loco}/telemetry}. */
  static LocomotivePublisher.Factory pahoTelemetry(FleetOptions options, ScheduledExecutorService executor,
      InstantSource clock) {
    return id -> {
      long bootId = new SplittableRandom(options.seed() ^ id.hashCode()).nextLong();
      return new PahoPublisher(options.brokerUrl(), "locolink-fleet-" + id, "locolink/v1/" + id + "/telemetry",
          (seq, state) -> TelemetryFrames.build(id, bootId, seq, clock.millis() - PERIOD_MS, (int) PERIOD_MS, state)
              .toByteArray(),
          executor);
    };
  }

  /**
   * Runs the fleet and reports what the ground counted.
   *
   * @throws FleetException if clients cannot connect
   * @throws InterruptedException if interrupted while running
   */
  public FleetReport run() throws InterruptedException {
    ScheduledExecutorService mqtt = new VirtualThreadScheduler();
    ScheduledThreadPoolExecutor ticker = new ScheduledThreadPoolExecutor(2);
    List<LocomotivePublisher> all = new ArrayList<>();
    try (GroundCounter counter = new GroundCounter(options.brokerUrl(), mqtt, clock, options.groundSubscribers())) {
      counter.start();
      Scenario scenario = Scenarios.builtIn(options.scenario()).startingAt(clock.instant());
      LocomotivePublisher.Factory factory = telemetryPublishers.apply(mqtt);
      List<ScenarioRunner> runners = new ArrayList<>();
      List<LocomotivePublisher> locos = new ArrayList<>();
      for (int i = 0; i < options.locomotives(); i++) {
        runners.add(ScenarioRunner.create(scenario, options.seed() + i));
        locos.add(factory.create(String.format("loco-%05d", i)));
      }
      int frameBytes = TelemetryFrames.build("loco-00000", 0, 1, clock.millis(), (int) PERIOD_MS,
          runners.get(0).latest()).getSerializedSize();
      List<PahoPublisher> plain = new ArrayList<>();
      for (int i = 0; i < options.plainPublishers(); i++) {
        String id = String.format("plain-%05d", i);
        plain.add(new PahoPublisher(options.brokerUrl(), "locolink-bench-" + id, GroundCounter.PLAIN_PREFIX + id,
            (seq, state) -> plainPayload(seq, clock.millis(), frameBytes), mqtt));
      }
      all.addAll(locos);
      all.addAll(plain);
      long t0 = System.nanoTime();
      connectAll(all);
      double connectS = (System.nanoTime() - t0) / 1e9;
      LOG.info("{} clients connected in {} s", all.size(), String.format("%.1f", connectS));

      LongAdder telemetryPublished = new LongAdder();
      LongAdder plainPublished = new LongAdder();
      int senders = locos.size() + plain.size();
      for (int i = 0; i < locos.size(); i++) {
        ScenarioRunner runner = runners.get(i);
        LocomotivePublisher pub = locos.get(i);
        schedule(ticker, i, senders, () -> {
          runner.advance(1.0);
          pub.publish(runner.latest());
          telemetryPublished.increment();
        });
      }
      for (int i = 0; i < plain.size(); i++) {
        PahoPublisher pub = plain.get(i);
        schedule(ticker, locos.size() + i, senders, () -> {
          pub.publish(null);
          plainPublished.increment();
        });
      }
      Thread.sleep(options.duration().toMillis());
      ticker.shutdown();
      if (!ticker.awaitTermination(10, TimeUnit.SECONDS)) {
        ticker.shutdownNow();
      }
      long residentMb = residentMb();
      drain(locos, plain, counter, telemetryPublished.sum(), plainPublished.sum());
      return new FleetReport(locos.size(), frameBytes, telemetryPublished.sum(), sum(locos, true), sum(locos, false),
          counter.telemetry(), plainPublished.sum(), plain.stream().mapToLong(PahoPublisher::acknowledged).sum(),
          counter.plain(), connectS, residentMb);
    } finally {
      ticker.shutdownNow();
      closeAll(all);
      mqtt.shutdownNow();
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

  static byte[] plainPayload(long sequence, long sentMs, int size) {
    ByteBuffer b = ByteBuffer.allocate(Math.max(16, size));
    b.putLong(sequence).putLong(sentMs);
    return b.array();
  }

  private static void connectAll(List<? extends LocomotivePublisher> publishers) throws InterruptedException {
    Semaphore permits = new Semaphore(CONNECT_CONCURRENCY);
    List<Future<?>> done = new ArrayList<>();
    try (ExecutorService connect = Executors.newVirtualThreadPerTaskExecutor()) {
      for (LocomotivePublisher p : publishers) {
        done.add(connect.submit(() -> {
          permits.acquireUninterruptibly();
          try {
            p.connect();
          } finally {
            permits.release();
          }
        }));
      }
      for (Future<?> f : done) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          throw e.getCause() instanceof FleetException fe ? fe : new FleetException("connect failed", e.getCause());
        }
      }
    }
  }

  private static void drain(List<LocomotivePublisher> locos, List<PahoPublisher> plain, GroundCounter counter,
      long telemetryPublished, long plainPublished) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_TIMEOUT_MS);
    while (System.nanoTime() < deadline) {
      long acked = sum(locos, true) + sum(locos, false);
      long plainAcked = plain.stream().mapToLong(PahoPublisher::acknowledged).sum();
      boolean sent = acked >= telemetryPublished && plainAcked >= plainPublished;
      boolean counted = counter.telemetry().frames() >= sum(locos, true) && counter.plain().frames() >= plainAcked;
      if (sent && counted) {
        Thread.sleep(500);
        return;
      }
      Thread.sleep(100);
    }
    LOG.warn("fleet drain timed out: not every frame was acknowledged and counted");
  }

  private static long sum(List<LocomotivePublisher> publishers, boolean acknowledged) {
    long s = 0;
    for (LocomotivePublisher p : publishers) {
      s += acknowledged ? p.acknowledged() : p.refused();
    }
    return s;
  }

  private static void closeAll(List<LocomotivePublisher> publishers) throws InterruptedException {
    try (ExecutorService closer = Executors.newVirtualThreadPerTaskExecutor()) {
      for (LocomotivePublisher p : publishers) {
        closer.submit(p::close);
      }
    }
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
