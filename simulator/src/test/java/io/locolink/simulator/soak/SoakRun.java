package io.locolink.simulator.soak;

import io.locolink.gateway.app.Gateway;
import io.locolink.gateway.config.ConfigLoader;
import io.locolink.gateway.config.LocoLinkConfig;
import io.locolink.gateway.devices.SampleClock;
import io.locolink.gateway.estimation.EnergyPeriod;
import io.locolink.gateway.framing.EnergyRecordCodec;
import io.locolink.gateway.framing.StreamKind;
import io.locolink.proto.v1.Header;
import io.locolink.proto.v1.Status;
import io.locolink.simulator.faults.FaultPlan;
import io.locolink.simulator.pi4j.ForwardingSampleClock;
import io.locolink.simulator.pi4j.ScenarioPlatform;
import io.locolink.simulator.scenario.Scenario;
import io.locolink.simulator.scenario.Scenarios;
import io.locolink.testing.MosquittoBroker;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A long run of the real gateway (in this process) on a simulated hybrid shunter working the yard
 * around the clock, in lockstep at a given speed, against a real Mosquitto, with faults repeated
 * every {@code cycle} of simulated time: the BMS goes silent, GNSS is lost, the gateway's UTC steps
 * forward 30 s (as when GNSS corrects a drifted clock), and the broker is stopped twice (once for
 * 5 % of a cycle, once for 3 %). Faults are placed in simulated time, so every speed plays the same
 * run. A ground subscriber with a persistent session keeps only what the checks need (one bit per
 * sequence number, every energy period's end), so its own memory stays small.
 *
 * <p>Measured at every simulated {@code sampleEvery}: heap used after a full GC (this JVM: the
 * gateway plus the subscriber's bits), and the bytes of the journal, the trip store and the energy
 * archive on disk. At the end the backlog is drained and the gateway stopped cleanly; then every
 * sequence number from the boot's first to its last appended must have arrived, and every 5-minute
 * energy period from the first to the last sent exactly once.
 */
public final class SoakRun {

  private static final String LOCO = "KZ-SOAK-1";
  private static final int PERIOD_S = 300;
  /** The journal's and the trip store's limits in this run: small, so a week fills them many times. */
  public static final long JOURNAL_LIMIT_BYTES = 16L << 20;
  public static final long TRIP_LIMIT_BYTES = 8L << 20;

  /** One measurement. */
  public record Sample(Duration simulated, long wallMs, long heapUsedBytes, long journalBytes, long tripBytes,
      long energyArchiveBytes) {}

  /**
   * What a run found.
   *
   * @param missingSequences sequence numbers of the boot appended but never received
   * @param periodProblems energy periods received twice, or missing between the first and the last
   */
  public record Result(List<Sample> samples, long received, long lastSequenceAppended, long missingSequences,
      int periods, List<String> periodProblems, int clockSetPeriods, int alarms, int brokerOutages, long wallMs) {

    public long maxJournalBytes() {
      return samples.stream().mapToLong(Sample::journalBytes).max().orElse(0);
    }

    public long maxTripBytes() {
      return samples.stream().mapToLong(Sample::tripBytes).max().orElse(0);
    }
  }

  private final Path dir;
  private final Duration simulated;
  private final double speed;
  private final Duration cycle;
  private final Duration sampleEvery;
  private final Consumer<String> progress;
  private final AtomicReference<Instant> now = new AtomicReference<>();
  private final Map<Long, BitSet> sequences = new HashMap<>();
  private final Map<Long, Status> lastStatus = new HashMap<>();
  private final Set<String> energyMessages = new HashSet<>();
  private final TreeMap<Instant, Integer> periodCount = new TreeMap<>();
  private long received;
  private int alarms;
  private int clockSetPeriods;

  /**
   * @param simulated how long the locomotive works, simulated time
   * @param speed simulated seconds per wall second, 1-100
   * @param cycle the faults repeat every cycle of simulated time, at least 20 minutes
   * @param sampleEvery simulated time between two measurements
   */
  public SoakRun(Path dir, Duration simulated, double speed, Duration cycle, Duration sampleEvery,
      Consumer<String> progress) {
    if (cycle.compareTo(Duration.ofMinutes(20)) < 0) {
      throw new IllegalArgumentException("a fault cycle is at least 20 minutes, got " + cycle);
    }
    this.dir = dir;
    this.simulated = simulated;
    this.speed = speed;
    this.cycle = cycle;
    this.sampleEvery = sampleEvery;
    this.progress = progress;
  }

  /** Runs the soak; blocks until it ended. */
  public Result run() throws Exception {
    long wallStart = System.currentTimeMillis();
    Scenario scenario = scenario();
    Instant start = scenario.initial().startUtc();
    Instant end = start.plus(simulated);
    Path state = dir.resolve("state");
    Path db = Files.createTempDirectory("mosquitto-soak");
    Files.setPosixFilePermissions(db, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    List<Sample> samples = new ArrayList<>();
    int outages = 0;
    try (MosquittoBroker broker = MosquittoBroker.start(List.of("persistence true", "persistence_location " + db + "/",
        "autosave_interval 1", "max_queued_messages 0"))) {
      LocoLinkConfig cfg = ConfigLoader.parse("""
          locomotive: {id: %s}
          platform: simulator
          stateDir: "%s"
          mqtt: {url: "%s", telemetryQos: 1, statusIntervalS: 60}
          journal: {maxBytes: %d, segmentBytes: 1048576}
          trips: {maxStoreBytes: %d, maxTripBytes: 2097152}
          depot: {enabled: false}
          """.formatted(LOCO, state, broker.url(), JOURNAL_LIMIT_BYTES, TRIP_LIMIT_BYTES), LocoLinkConfig.class);
      MqttClient ground = subscribe(broker.url());
      long period = cfg.framing().samplePeriodNanos();
      try (ScenarioPlatform platform = ScenarioPlatform.open(cfg.devices(), scenario, faults(), period, speed, 11)) {
        SampleClock clock = new SteppingClock(platform.sampleClock(period), start, cycle);
        try (Gateway gateway = Gateway.start(cfg, platform, clock, 11, live -> now.set(live.snapshot().utc()))) {
          Duration nextSample = Duration.ZERO;
          long nextOutage = 0;
          while (true) {
            Instant t = now.get();
            Duration at = t == null ? Duration.ZERO : Duration.between(start, t);
            if (t != null && !at.minus(nextSample).isNegative()) {
              samples.add(sample(at, wallStart, state));
              nextSample = nextSample.plus(sampleEvery);
              progress.accept(String.format("%s simulated, %d received, heap %.1f MB, journal %.1f MB, trips %.1f MB",
                  at, received, samples.getLast().heapUsedBytes() / 1e6, samples.getLast().journalBytes() / 1e6,
                  samples.getLast().tripBytes() / 1e6));
            }
            if (t != null && !t.isBefore(end)) {
              break;
            }
            long outageAt = outageStart(nextOutage);
            if (at.toSeconds() >= outageAt) {
              broker.stopGracefully();
              outages++;
              awaitSimulated(start, outageAt + outageLength(nextOutage));
              broker.start();
              nextOutage++;
              continue;
            }
            TimeUnit.MILLISECONDS.sleep(20);
          }
          awaitDrained(gateway);
        }
        awaitOffline();
      }
      ground.disconnect();
      ground.close();
    }
    return result(samples, outages, System.currentTimeMillis() - wallStart);
  }

  private Scenario scenario() {
    return Scenarios.parse("""
        name: soak
        vehicle: hybrid
        route: astana-1-yard
        startUtc: "2026-01-19T00:00:00Z"
        seed: 20260119
        stepS: 0.1
        initial: {positionM: 1200, direction: up, soc: 0.6, vehicleC: 15, ambientC: -12, wagons: 10, wagonAxleLoadT: 23.5}
        phases:
          - {duty: switch-cycle, durationS: %d, speedLimitKmh: 25, shuntWagons: true}
        """.formatted(simulated.toSeconds() + 3600), "soak");
  }

  /** BMS silence at 10 % of every cycle (3 % long, at least a minute), GNSS loss at 50 % (8 % long). */
  private FaultPlan faults() {
    long c = cycle.toSeconds();
    List<String> specs = new ArrayList<>();
    for (long from = 0; from < simulated.toSeconds(); from += c) {
      specs.add("bms-silence@" + (from + c / 10) + "s+" + Math.max(60, c * 3 / 100) + "s");
      specs.add("gnss-loss@" + (from + c / 2) + "s+" + c * 8 / 100 + "s");
    }
    return FaultPlan.parse(String.join(",", specs));
  }

  /** Simulated second the n-th broker outage starts: at 30 % and 80 % of every cycle. */
  private long outageStart(long n) {
    long c = cycle.toSeconds();
    return n / 2 * c + (n % 2 == 0 ? c * 30 / 100 : c * 80 / 100);
  }

  private long outageLength(long n) {
    return cycle.toSeconds() * (n % 2 == 0 ? 5 : 3) / 100;
  }

  private void awaitSimulated(Instant start, long simulatedS) throws InterruptedException {
    Instant until = start.plusSeconds(simulatedS);
    while (now.get() == null || now.get().isBefore(until)) {
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }

  private static Sample sample(Duration at, long wallStart, Path state) throws IOException {
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    return new Sample(at, System.currentTimeMillis() - wallStart, heap, bytes(state.resolve("journal")),
        bytes(state.resolve("trips")), bytes(state.resolve("energy")));
  }

  private static long bytes(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }

  private MqttClient subscribe(String url) throws MqttException {
    MqttClient ground = new MqttClient(url, "ground-soak", new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(false);
    options.setAutomaticReconnect(true);
    options.setMaxReconnectDelay(1000);
    options.setMaxInflight(1000);
    ground.setCallback(new MqttCallbackExtended() {
      @Override
      public void connectComplete(boolean reconnect, String serverUri) {}  // the broker keeps the session

      @Override
      public void connectionLost(Throwable cause) {}

      @Override
      public void messageArrived(String topic, MqttMessage m) throws Exception {
        accept(topic, m.getPayload());
      }

      @Override
      public void deliveryComplete(IMqttDeliveryToken token) {}
    });
    ground.connect(options);
    ground.subscribe("locolink/v1/" + LOCO + "/#", 1);
    return ground;
  }

  private synchronized void accept(String topic, byte[] payload) throws Exception {
    received++;
    StreamKind kind = StreamKind.ofTopicSuffix(topic.substring(topic.lastIndexOf('/') + 1)).orElseThrow();
    if (kind == StreamKind.STATUS) {
      Status s = Status.parseFrom(payload);
      lastStatus.put(s.getHeader().getBootId(), s);
      notifyAll();
      return;
    }
    var message = kind.parse(payload);
    Header h = (Header) message.getField(message.getDescriptorForType().findFieldByName("header"));
    BitSet seen = sequences.computeIfAbsent(h.getBootId(), b -> new BitSet());
    boolean again = seen.get(Math.toIntExact(h.getSequence()));
    seen.set(Math.toIntExact(h.getSequence()));
    if (again) {
      return;  // a QoS 1 redelivery
    }
    if (kind == StreamKind.ENERGY) {
      EnergyPeriod p = EnergyRecordCodec.decode(payload);
      periodCount.merge(p.periodEnd(), 1, Integer::sum);
      if ((p.qualityWord() & EnergyPeriod.EnergyQuality.CLOCK_SET.bit()) != 0) {
        clockSetPeriods++;
      }
    } else if (kind == StreamKind.ALARM) {
      alarms++;
    }
  }

  /**
   * Waits for a status of the running gateway that says its journal holds nothing older than the
   * live records in flight (5 simulated seconds: at 100x a record is appended about every round
   * trip to the broker, so the queue is rarely empty; its oldest record's age tells a backlog).
   */
  private synchronized void awaitDrained(Gateway gateway) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (lastStatus.values().stream().noneMatch(s -> s.getOldestUnsentAgeS() <= 5
        && s.getLink() == io.locolink.proto.v1.LinkState.LINK_ONLINE && s.getHeader().getTimeUnixMs()
        >= now.get().minusSeconds(120).toEpochMilli())) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("the backlog did not drain within 5 minutes: " + lastStatus.values());
      }
      wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
    }
  }

  private synchronized void awaitOffline() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (lastStatus.values().stream().noneMatch(s -> s.getLink() == io.locolink.proto.v1.LinkState.LINK_OFFLINE)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("no offline status after the clean stop");
      }
      wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
    }
  }

  private synchronized Result result(List<Sample> samples, int outages, long wallMs) {
    long missing = 0;
    long lastAppended = 0;
    for (Status s : lastStatus.values()) {
      BitSet seen = sequences.getOrDefault(s.getHeader().getBootId(), new BitSet());
      lastAppended = Math.max(lastAppended, s.getLastSequenceAppended());
      for (long q = s.getBootFirstSequence(); q <= s.getLastSequenceAppended(); q++) {
        if (!seen.get(Math.toIntExact(q))) {
          missing++;
        }
      }
    }
    List<String> problems = new ArrayList<>();
    Instant previous = null;
    for (Map.Entry<Instant, Integer> e : periodCount.entrySet()) {
      if (e.getValue() != 1) {
        problems.add("period ending " + e.getKey() + " arrived " + e.getValue() + " times");
      }
      if (previous != null && !e.getKey().equals(previous.plusSeconds(PERIOD_S))) {
        problems.add("periods between " + previous + " and " + e.getKey() + " are missing");
      }
      previous = e.getKey();
    }
    return new Result(samples, received, lastAppended, missing, periodCount.size(), problems, clockSetPeriods, alarms,
        outages, wallMs);
  }

  /**
   * The platform's lockstep clock, its UTC stepped 30 s forward at 70 % of every cycle (the
   * monotonic clock untouched), as when GNSS corrects a clock that ran slow.
   */
  private static final class SteppingClock extends ForwardingSampleClock {

    private final Instant start;
    private final long cycleS;
    private volatile long offsetNanos;
    private long steps;

    SteppingClock(SampleClock clock, Instant start, Duration cycle) {
      super(clock);
      this.start = start;
      this.cycleS = cycle.toSeconds();
    }

    @Override
    public InstantSource utc() {
      return () -> clock.utc().instant().plusNanos(offsetNanos);
    }

    @Override
    public void advance() {
      clock.advance();
      long s = Duration.between(start, clock.utc().instant()).toSeconds();
      if (s >= steps * cycleS + cycleS * 70 / 100) {
        steps++;
        offsetNanos += 30_000_000_000L;
      }
    }
  }
}
