package io.locolink.ground.bench;

import io.locolink.gateway.acquisition.ClockQuality;
import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.estimation.CellStats;
import io.locolink.gateway.estimation.EnergyTotals;
import io.locolink.gateway.estimation.Estimates;
import io.locolink.gateway.framing.DecodedFrame;
import io.locolink.gateway.framing.HeaderFields;
import io.locolink.gateway.framing.TelemetryFrameDecoder;
import io.locolink.gateway.framing.TelemetryFrameEncoder;
import io.locolink.ground.station.GroundStation;
import io.locolink.ground.station.StationConfig;
import io.locolink.ground.store.BatchWriter;
import io.locolink.ground.store.Channel;
import io.locolink.ground.store.FleetQueries;
import io.locolink.ground.store.HistoryQueries;
import io.locolink.ground.store.Incoming;
import io.locolink.ground.store.LocomotiveIds;
import io.locolink.ground.store.MinuteRollups;
import io.locolink.ground.store.Partitions;
import io.locolink.ground.store.SecondRow;
import io.locolink.ground.store.StationDatabase;
import io.locolink.ground.store.Stream;
import io.locolink.ground.testing.Sql;
import io.locolink.ground.testing.TestPostgres;
import io.locolink.proto.v1.TelemetryFrame;
import io.locolink.testing.MosquittoBroker;
import io.locolink.testing.Snapshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The ground station's benchmark (not part of the test run): a main class on the ground module's
 * test class path. In one run, against one private Mosquitto and one PostgreSQL on this machine:
 *
 * <ol>
 *   <li>ingest rate: the same backlog of telemetry frames (queued by the broker for two persistent
 *       sessions while they were away) drained by a plain Paho MQTT v5 subscriber that only counts,
 *       and by the station, which decodes, stores and commits before it acknowledges; in rounds, each
 *       with the next seconds of the same locomotives: warm-up rounds until the JIT has compiled the
 *       station's code, as in a station that runs for days, then the measured rounds and their median;
 *       with the CPU time per frame of each subscriber's JVM, the broker and the station's PostgreSQL
 *       ({@link CpuMeter}); the station runs on its zero-set-up default, the embedded PostgreSQL in its
 *       state directory, which commits durably ({@code fsync} and {@code synchronous_commit} on);</li>
 *   <li>bytes on disk per stored row and reading (per-second rows, per-minute rollups, raw frames);</li>
 *   <li>a locomotive's 24 h history at 1 s downsampled to 1,000 points, and one hour of it;</li>
 *   <li>the fleet snapshot of 4,000 locomotives.</li>
 * </ol>
 *
 * <p>Arguments: {@code [frames] [locomotives] [writers] [receiveMaximum] [ingest|all] [batchMax] [warmUps]
 * [measured]} (default 40,000 frames a round from 200 locomotives, the station's default writers, receive
 * maximum and batch size, 6 warm-up rounds and 3 measured ones); {@code ingest} measures only the ingest.
 * With as many locomotives as a batch holds messages (e.g. 40,000 frames from 4,000 locomotives) each
 * locomotive appears about once a batch, as a live fleet's frames do.
 */
public final class StationBenchmark {

  /** Yesterday 00:00 UTC: recent enough that the station's retention keeps it. */
  static final long T0 = (System.currentTimeMillis() / 86_400_000L - 1) * 86_400_000L;

  private StationBenchmark() {}

  public static void main(String[] args) throws Exception {
    int frames = args.length > 0 ? Integer.parseInt(args[0]) : 40_000;
    int locos = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    Integer writers = args.length > 2 ? Integer.valueOf(args[2]) : null;
    Integer receiveMaximum = args.length > 3 ? Integer.valueOf(args[3]) : null;
    boolean ingestOnly = args.length > 4 && args[4].equals("ingest");
    Integer batchMax = args.length > 5 ? Integer.valueOf(args[5]) : null;
    int warmUps = args.length > 6 ? Integer.parseInt(args[6]) : 6;
    int measured = args.length > 7 ? Integer.parseInt(args[7]) : 3;
    System.out.printf("# StationBenchmark %s, %d cores, load average %s%n", Instant.now(),
        Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).strip());
    Path dir = Files.createTempDirectory("station-bench");
    try (MosquittoBroker broker = MosquittoBroker.startPlain()) {
      ingest(broker, dir, frames, locos, writers, receiveMaximum, batchMax, warmUps, measured);
    }
    if (ingestOnly) {
      System.exit(0);
    }
    try (StationDatabase db = StationDatabase.embedded(dir.resolve("station").resolve("db"))) {
      disk(db.dataSource());
    }
    try (StationDatabase db = StationDatabase.server(TestPostgres.freshDatabase(), "postgres", null)) {
      history(db.dataSource());
      fleet(db.dataSource());
    }
    System.exit(0);
  }

  // ---- 1. ingest ----

  private static void ingest(MosquittoBroker broker, Path dir, int frames, int locos, Integer writers,
      Integer receiveMaximum, Integer batchMax, int warmUps, int measured) throws Exception {
    StationConfig cfg = new StationConfig(dir.resolve("station"), new StationConfig.Broker(broker.url(), "ground", null,
        null, null, null, null, null, null, receiveMaximum), null,
        new StationConfig.Http(null, 0), new StationConfig.Ingest(batchMax, null, null, writers), null, null, null);
    System.out.printf("station: %d writers, batches of up to %d, receive maximum %d%n", cfg.ingest().writers(),
        cfg.ingest().batchMax(), cfg.broker().receiveMaximum());
    PlainCounter.subscribeAndLeave(broker.url());
    try (GroundStation station = GroundStation.start(cfg, List.of())) {
      station.ingest().awaitSubscribed(30, TimeUnit.SECONDS);
      System.out.printf("database: the station's embedded PostgreSQL, fsync %s, synchronous_commit %s%n",
          Sql.text(station.dataSource(), "SHOW fsync"), Sql.text(station.dataSource(), "SHOW synchronous_commit"));
    }
    // The warm-up rounds let the JIT compile both subscribers' code (the station's writer code runs once
    // per batch, so its compiler needs several rounds); the measured rounds, each with the next sequence
    // numbers and seconds, are the station's steady state, as in a station that runs for days.
    int perLoco = frames / locos;
    for (int r = 0; r < warmUps; r++) {
      Round w = drainRound(broker, cfg, frames, locos, r * perLoco);
      System.out.printf("warm-up round %d: plain %,.0f frames/s, station %,.0f frames/s, ratio %.2f; station's threads: %s%n",
          r + 1, w.plain(), w.station(), w.ratio(), w.threads());
    }
    List<Round> rounds = new ArrayList<>();
    for (int r = 0; r < measured; r++) {
      rounds.add(drainRound(broker, cfg, frames, locos, (warmUps + r) * perLoco));
      System.out.printf("measured round %d, station's threads: %s%n", r + 1, rounds.getLast().threads());
    }
    System.out.printf("%n%d frames a round from %d locomotives (%d a locomotive); rates from each subscriber's first "
        + "message; CPU per frame in µs: the plain subscriber's JVM and the broker while it drains, the station's JVM, "
        + "its PostgreSQL and the broker while it drains%n%n", frames, locos, perLoco);
    System.out.println("| measured round (load average) | plain Paho MQTT v5, frames/s | station, frames/s | ratio "
        + "| plain: JVM, broker µs | station: JVM, PostgreSQL, together, broker µs |");
    System.out.println("|---|---|---|---|---|---|");
    for (int r = 0; r < rounds.size(); r++) {
      Round x = rounds.get(r);
      System.out.printf("| %d (%s) | %,.0f | %,.0f | %.2f | %.1f, %.1f | %.1f, %.1f, %.1f, %.1f |%n", r + 1, x.load(),
          x.plain(), x.station(), x.ratio(), x.plainCpu()[0], x.plainCpu()[1], x.stationCpu()[0], x.stationCpu()[2],
          x.stationCpu()[0] + x.stationCpu()[2], x.stationCpu()[1]);
    }
    System.out.printf("| median | %,.0f | %,.0f | %.2f | %.1f, %.1f | %.1f, %.1f, %.1f, %.1f |%n%n",
        median(rounds, Round::plain), median(rounds, Round::station), median(rounds, Round::ratio),
        median(rounds, x -> x.plainCpu()[0]), median(rounds, x -> x.plainCpu()[1]),
        median(rounds, x -> x.stationCpu()[0]), median(rounds, x -> x.stationCpu()[2]),
        median(rounds, x -> x.stationCpu()[0] + x.stationCpu()[2]), median(rounds, x -> x.stationCpu()[1]));
  }

  /**
   * One round's figures: the rates from each subscriber's first message, CPU per frame ({@link
   * CpuMeter.Sample#microsPerItem}), the load average before the round and the station's busiest threads.
   */
  private record Round(String load, double plain, double station, double[] plainCpu, double[] stationCpu,
      String threads) {
    double ratio() {
      return station / plain;
    }
  }

  private static double median(List<Round> rounds, java.util.function.ToDoubleFunction<Round> f) {
    double[] v = rounds.stream().mapToDouble(f).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  /** Queues {@code frames} frames for both sessions, then lets the plain subscriber drain them, then the station. */
  private static Round drainRound(MosquittoBroker broker, StationConfig cfg, int frames, int locos, int firstSecond)
      throws Exception {
    List<byte[]> payloads = new ArrayList<>(frames);
    List<String> topics = new ArrayList<>(frames);
    int perLoco = frames / locos;
    for (int s = firstSecond + 1; s <= firstSecond + perLoco; s++) {
      for (int l = 0; l < locos; l++) {
        String loco = String.format("KZ-%04d", l);
        topics.add("locolink/v1/" + loco + "/telemetry");
        payloads.add(frame(loco, s, T0 + s * 1000L).toByteArray());
      }
    }
    int n = payloads.size();
    if (firstSecond == 0) {
      DecodedFrame sample = TelemetryFrameDecoder.decode(payloads.getFirst());
      System.out.printf("frames: %d B each (%d readings)%n", payloads.getFirst().length, readings(sample));
    }
    String load = Files.readString(Path.of("/proc/loadavg")).strip().split(" ")[0];

    MqttClient publisher = new MqttClient(broker.url(), "bench-publisher", new MemoryPersistence());
    MqttConnectOptions o = new MqttConnectOptions();
    o.setMaxInflight(1000);
    publisher.connect(o);
    for (int i = 0; i < n; i++) {
      try {
        publisher.publish(topics.get(i), payloads.get(i), 1, false);
      } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
        if (e.getReasonCode() != org.eclipse.paho.client.mqttv3.MqttException.REASON_CODE_MAX_INFLIGHT) {
          throw e;
        }
        // Paho 3 may count a completed publish as in flight a moment longer on a busy machine: try it again.
        Thread.sleep(1);
        i--;
      }
    }
    publisher.disconnect();
    publisher.close();

    CpuMeter.Sample plainBefore = CpuMeter.sample(null);
    double plainRate = new PlainCounter(broker.url(), n).drain();
    double[] plainCpu = CpuMeter.sample(null).microsPerItem(plainBefore, n);
    Path pgdata = cfg.stateDir().resolve("db").resolve("pgdata");
    try (GroundStation station = GroundStation.start(cfg, List.of())) {
      long first = 0;
      CpuMeter.Sample before = null;
      java.util.Map<String, Long> threadsBefore = null;
      while (station.ingest().stats().stored() < n) {
        if (first == 0 && station.ingest().stats().received() > 0) {
          first = System.nanoTime();
          before = CpuMeter.sample(pgdata);
          threadsBefore = CpuMeter.threads();
        }
        Thread.sleep(first == 0 ? 1 : 5);
      }
      long end = System.nanoTime();
      double[] stationCpu = CpuMeter.sample(pgdata).microsPerItem(before, n);
      String threads = CpuMeter.busiestThreads(threadsBefore, end - first);
      return new Round(load, plainRate, n / ((end - first) / 1e9), plainCpu, stationCpu, threads);
    }
  }

  /** A Paho MQTT v5 subscriber on its own shared group that counts messages and acknowledges them at once. */
  private static final class PlainCounter {
    private final String url;
    private final int expected;
    private final AtomicLong count = new AtomicLong();
    private final CountDownLatch all = new CountDownLatch(1);
    private volatile long firstNs;

    PlainCounter(String url, int expected) {
      this.url = url;
      this.expected = expected;
    }

    private org.eclipse.paho.mqttv5.client.MqttClient connect() throws MqttException {
      var client = new org.eclipse.paho.mqttv5.client.MqttClient(url, "bench-plain",
          new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
      client.setCallback(new MqttCallback() {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
          long c = count.incrementAndGet();
          if (c == 1) {
            firstNs = System.nanoTime();
          }
          if (c == expected) {
            all.countDown();
          }
        }

        @Override
        public void disconnected(MqttDisconnectResponse r) {}

        @Override
        public void mqttErrorOccurred(MqttException e) {}

        @Override
        public void deliveryComplete(IMqttToken t) {}

        @Override
        public void connectComplete(boolean reconnect, String uri) {}

        @Override
        public void authPacketArrived(int code, MqttProperties p) {}
      });
      MqttConnectionOptions o = new MqttConnectionOptions();
      o.setCleanStart(false);
      o.setSessionExpiryInterval(3600L);
      o.setReceiveMaximum(4000);
      client.connect(o);
      return client;
    }

    static void subscribeAndLeave(String url) throws MqttException {
      var client = new PlainCounter(url, 0).connect();
      client.subscribe("$share/plain/locolink/v1/+/+", 1);
      client.disconnect();
      client.close();
    }

    /** The rate from the first message to the last one. */
    double drain() throws Exception {
      var client = connect();
      all.await(10, TimeUnit.MINUTES);
      long end = System.nanoTime();
      client.disconnect();
      client.close();
      return expected / ((end - firstNs) / 1e9);
    }
  }

  /** The frame published: 10 samples, 216 cells, 108 temperatures, two drives. */
  static TelemetryFrame frame(String loco, long seq, long timeMs) {
    List<Snapshot> samples = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      samples.add(Snapshots.of(i * 100_000_000L, Instant.ofEpochMilli(timeMs + i * 100L), 3.30 + (seq % 7) * 0.001,
          250.0 + i * 3.5 - (seq % 5), 12.5 + i * 0.1, 2));
    }
    Estimates e = new Estimates(63.2, 2.0, 98.0, CellStats.of(samples.getLast().pack()), 0, 0, 0, 0, 0,
        Optional.empty(), 0, List.of(), List.of(), EnergyTotals.zero(), true);
    return TelemetryFrameEncoder.encode(new HeaderFields(loco, 9, seq, Instant.ofEpochMilli(timeMs),
        ClockQuality.SYNCED), samples, e);
  }

  /** The values a decoded frame carries: fast series, cells, drive and genset values, position, state. */
  private static int readings(DecodedFrame d) {
    int n = d.packVoltageV().length + d.packCurrentA().length + d.speedKmh().length + d.cellVoltagesV().length
        + d.cellTemperaturesC().length + 4;  // BMS SoC, SoH, insulation, contactor
    for (DecodedFrame.Drive drive : d.drives()) {
      n += drive.currentA().length + drive.speedRpm().length + 5;
    }
    n += d.genset() == null ? 0 : 6;
    n += d.position() == null ? 0 : 5;
    return n + 1 + 17;  // odometer, the estimator's state
  }

  // ---- 2. bytes on disk ----

  private static void disk(DataSource ds) throws Exception {
    rollUpAll(ds);  // the minutes the station had not rolled up yet when it stopped
    long seconds = Sql.count(ds, "SELECT count(*) FROM frame_second");
    long secondBytes = size(ds, "frame_second");
    long minuteRows = Sql.count(ds, "SELECT count(*) FROM frame_minute");
    long minuteBytes = size(ds, "frame_minute");
    long raw = Sql.count(ds, "SELECT count(*) FROM raw_message");
    long rawBytes = size(ds, "raw_message");
    long payload = Sql.count(ds, "SELECT sum(length(payload)) FROM raw_message");
    int columns = Channel.values().length;
    System.out.printf("| table | rows | bytes on disk (heap + indexes + TOAST) | per row | per stored value |%n");
    System.out.printf("|---|---|---|---|---|%n");
    System.out.printf("| frame_second | %,d | %,d | %.1f B | %.2f B (%d values a row) |%n", seconds, secondBytes,
        (double) secondBytes / seconds, (double) secondBytes / seconds / 28, 28);
    System.out.printf("| frame_minute | %,d | %,d | %.1f B | %.2f B per second-row value it summarises |%n", minuteRows,
        minuteBytes, (double) minuteBytes / minuteRows, (double) minuteBytes / seconds / columns);
    System.out.printf("| raw_message | %,d | %,d | %.1f B (payload %.1f B) | |%n%n", raw, rawBytes,
        (double) rawBytes / raw, (double) payload / raw);
  }

  private static long size(DataSource ds, String table) {
    return Sql.count(ds, "SELECT coalesce(sum(pg_total_relation_size(inhrelid)), 0) FROM pg_inherits WHERE inhparent = '"
        + table + "'::regclass");
  }

  // ---- 3. history, 4. fleet ----

  private static void history(DataSource ds) throws Exception {
    BatchWriter writer = new BatchWriter(ds, new LocomotiveIds(), new Partitions());
    List<Incoming> batch = new ArrayList<>();
    long seq = 0;
    for (int s = 0; s < 86_400; s++) {
      for (String loco : List.of("KZ-H", "KZ-I")) {
        long t = T0 + s * 1000L;
        SecondRow row = new SecondRow(t, 1000L + s, 71000 + s % 500, (s % 600) - 300, -310, 310, 2000, 1900, null, null,
            1250, 512_345_678, 712_345_678, 900, 0, 800 - s / 200, 20, 980, 805 - s / 200, 3280, 17, 3310, 101, 250,
            270, 55, 600, 650, 400, 0);
        batch.add(new Incoming(loco, Stream.TELEMETRY, 1, ++seq, t, t, false, false, new byte[] {0},
            new Incoming.Telemetry(List.of(row))));
        if (batch.size() == 5000) {
          writer.write(batch, List.of());
          batch.clear();
        }
      }
    }
    writer.write(batch, List.of());
    rollUpAll(ds);  // as the station does a few seconds after each minute: the steady state
    HistoryQueries q = new HistoryQueries(ds);
    List<Channel> channels = List.of(Channel.SOC, Channel.PACK_VOLTAGE, Channel.PACK_CURRENT, Channel.CELL_MAX_VOLTAGE);
    Instant from = Instant.ofEpochMilli(T0);
    System.out.printf("| query | rows behind it | median | 90th percentile |%n|---|---|---|---|%n");
    time("24 h of one locomotive at 1 s, 4 channels, 1,000 points (per-minute rollups)", "1,440 minutes",
        () -> q.history("KZ-H", from, from.plusSeconds(86_400), channels, 1000));
    time("1 h of it, 4 channels, 1,000 points (per-second rows)", "3,600 seconds",
        () -> q.history("KZ-H", from, from.plusSeconds(3600), channels, 1000));
    time("24 h at 1 s, 4 channels, 86,400 points (per-second rows)", "86,400 seconds",
        () -> q.history("KZ-H", from, from.plusSeconds(86_400), channels, 86_400));
  }

  private static void fleet(DataSource ds) throws Exception {
    FleetBenchmark.fill(ds, 4000, T0, false);
    FleetQueries q = new FleetQueries(ds);
    time("fleet snapshot of 4,000 locomotives", "4,000 latest rows", () -> q.snapshot(Instant.ofEpochMilli(T0)));
    System.out.println();
  }

  private static void rollUpAll(DataSource ds) throws Exception {
    MinuteRollups.rollUp(ds, new Partitions(), System.currentTimeMillis() + 3_600_000, Integer.MAX_VALUE);
  }

  private interface Query {
    Object run() throws Exception;
  }

  private static void time(String what, String rows, Query query) throws Exception {
    for (int i = 0; i < 3; i++) {
      query.run();
    }
    double[] ms = new double[21];
    for (int i = 0; i < ms.length; i++) {
      long t = System.nanoTime();
      query.run();
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    System.out.printf("| %s | %s | %.1f ms | %.1f ms |%n", what, rows, ms[ms.length / 2], ms[(int) (ms.length * 0.9)]);
  }
}
