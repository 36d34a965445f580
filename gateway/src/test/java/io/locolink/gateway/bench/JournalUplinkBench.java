package io.locolink.gateway.bench;

import io.locolink.gateway.config.JournalConfig;
import io.locolink.gateway.config.MqttConfig;
import io.locolink.gateway.journal.Journal;
import io.locolink.gateway.framing.StreamKind;
import io.locolink.gateway.uplink.LinkState;
import io.locolink.gateway.uplink.Uplink;
import io.locolink.gateway.uplink.Uplinks;
import io.locolink.testing.MosquittoBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Journal + uplink throughput beside a plain Paho async QoS 1 loop, same 1,000-byte payloads, same
 * local Mosquitto, same run; then the drain of a simulated 24 h backlog. Prints a Markdown table.
 *
 * <p>Arguments: [records per throughput run, default 50000] [backlog records, default 86400].
 */
public final class JournalUplinkBench {

  static final int WINDOW = 64;
  static final int ROUNDS = Integer.getInteger("rounds", 9);

  private JournalUplinkBench() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
    int backlog = args.length > 1 ? Integer.parseInt(args[1]) : 86_400;
    byte[] payload = new byte[1000];
    new SplittableRandom(1).nextBytes(payload);
    try (MosquittoBroker broker = MosquittoBroker.startPlain()) {
      plain(broker, 10_000, payload);
      journaled(broker, 10_000, payload, StreamKind.TELEMETRY);
      List<double[]> rounds = new ArrayList<>();
      for (int r = 0; r < ROUNDS; r++) {
        long c0 = cpuNanos();
        double p = plain(broker, n, payload);
        long c1 = cpuNanos();
        double j = journaled(broker, n, payload, StreamKind.TELEMETRY);
        long c2 = cpuNanos();
        rounds.add(new double[] {p, j, (c1 - c0) / 1e3 / n, (c2 - c1) / 1e3 / n});
        System.out.printf("round %d: plain Paho %.0f msg/s (%.1f us CPU/msg), journal+uplink %.0f rec/s (%.1f us CPU/rec),"
            + " ratio %.2f%n", r + 1, p, (c1 - c0) / 1e3 / n, j, (c2 - c1) / 1e3 / n, j / p);
      }
      // medians of each side on their own: steadier than the median round's ratio when other jobs share the cores
      double plainRate = median(rounds, 0);
      double journalRate = median(rounds, 1);
      double plainCpu = median(rounds, 2);
      double journalCpu = median(rounds, 3);
      System.out.printf("| medians of the %d rounds: plain / journal+uplink | %.0f msg/s, %.1f us CPU/msg / %.0f rec/s,"
          + " %.1f us CPU/rec |%n", ROUNDS, plainRate, plainCpu, journalRate, journalCpu);
      System.out.printf("| ratio of the median throughputs, journal/plain | %.2f |%n", journalRate / plainRate);
      System.out.printf("| ratio of the median CPU per message, plain/journal | %.2f |%n", plainCpu / journalCpu);
      rounds.sort(Comparator.comparingDouble(a -> a[1] / a[0]));
      double[] median = rounds.get(ROUNDS / 2);
      System.out.printf("| plain Paho async QoS 1, window %d (median round) | %.0f msg/s, %.1f us CPU/msg |%n", WINDOW,
          median[0], median[2]);
      System.out.printf("| journal append + uplink, telemetry (1 s sync window) | %.0f rec/s, %.1f us CPU/rec |%n",
          median[1], median[3]);
      System.out.printf("| ratio journal/plain, median of %d rounds (min, max) | %.2f (%.2f, %.2f) |%n", ROUNDS,
          median[1] / median[0], rounds.getFirst()[1] / rounds.getFirst()[0], rounds.getLast()[1] / rounds.getLast()[0]);
      double energy = journaled(broker, 2_000, payload, StreamKind.ENERGY);
      System.out.printf("| journal append + uplink, energy (fsync before append returns) | %.0f rec/s |%n", energy);
      drain(broker, backlog, payload);
    }
  }

  /** The median of column {@code i} over the rounds. */
  static double median(List<double[]> rounds, int i) {
    double[] v = rounds.stream().mapToDouble(r -> r[i]).sorted().toArray();
    return v[v.length / 2];
  }

  /** CPU time of this JVM (all threads), nanoseconds. */
  static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  static double plain(MosquittoBroker broker, int n, byte[] payload) throws Exception {
    MqttAsyncClient client = new MqttAsyncClient(broker.url(), "bench-plain", new MemoryPersistence());
    MqttConnectOptions o = new MqttConnectOptions();
    o.setMaxInflight(WINDOW + 8);
    client.connect(o).waitForCompletion();
    Semaphore window = new Semaphore(WINDOW);
    CountDownLatch done = new CountDownLatch(n);
    IMqttActionListener acked = new IMqttActionListener() {
      @Override
      public void onSuccess(IMqttToken token) {
        window.release();
        done.countDown();
      }

      @Override
      public void onFailure(IMqttToken token, Throwable e) {
        throw new IllegalStateException(e);
      }
    };
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      window.acquire();
      client.publish("locolink/v1/BENCH/plain", payload, 1, false, null, acked);
    }
    done.await();
    long t1 = System.nanoTime();
    client.disconnect().waitForCompletion();
    client.close();
    return n / ((t1 - t0) / 1e9);
  }

  static Uplink uplink(MosquittoBroker broker, Journal journal, long capBytesPerS) {
    MqttConfig cfg = new MqttConfig(broker.url(), null, null, null, null, null, 1, WINDOW, capBytesPerS, null, null,
        null, null, null);
    return Uplinks.mqtt(cfg, "BENCH", journal, r -> new byte[0], InstantSource.system(), new SplittableRandom(1));
  }

  static double journaled(MosquittoBroker broker, int n, byte[] payload, StreamKind kind) throws Exception {
    Path dir = Files.createTempDirectory("journal-bench");
    try (Journal journal = Journal.open(dir, JournalConfig.defaults(), InstantSource.system());
        Uplink up = uplink(broker, journal, 1_000_000_000L)) {
      up.start();
      while (up.link().state() != LinkState.ONLINE) {
        Thread.sleep(5);
      }
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        journal.append(kind, journal.nextSequence(), payload);
      }
      while (journal.stats().queueDepthRecords() > 0) {
        Thread.sleep(1);
      }
      journal.sync();
      long t1 = System.nanoTime();
      return n / ((t1 - t0) / 1e9);
    } finally {
      deleteTree(dir);
    }
  }

  static void drain(MosquittoBroker broker, int backlog, byte[] payload) throws Exception {
    Path dir = Files.createTempDirectory("journal-drain");
    try (Journal journal = Journal.open(dir, JournalConfig.defaults(), InstantSource.system())) {
      long t0 = System.nanoTime();
      for (int i = 0; i < backlog; i++) {
        journal.append(StreamKind.TELEMETRY, journal.nextSequence(), payload);
        if (i % 300 == 0) {
          journal.append(StreamKind.ENERGY, journal.nextSequence(), new byte[120]);
        }
      }
      journal.sync();
      long t1 = System.nanoTime();
      long journalBytes = journal.stats().journalBytes();
      long written = journal.stats().bytesWrittenToday();
      try (Uplink up = uplink(broker, journal, 100_000_000L)) {
        long t2 = System.nanoTime();
        up.start();
        int live = 0;
        long nextLive = t2;
        while (journal.stats().queueDepthRecords() > 0) {
          if (System.nanoTime() >= nextLive) { // live frames keep coming at 1 per second
            journal.append(StreamKind.TELEMETRY, journal.nextSequence(), payload);
            live++;
            nextLive += TimeUnit.SECONDS.toNanos(1);
          }
          Thread.sleep(1);
        }
        long t3 = System.nanoTime();
        System.out.printf("| backlog of %d frames + %d energy records (%.1f MB journal) appended offline | %.1f s |%n",
            backlog, backlog / 300 + 1, journalBytes / 1e6, (t1 - t0) / 1e9);
        System.out.printf("| drain on loopback, cap 100 MB/s, %d live frames sent meanwhile | %.1f s (%.0f rec/s) |%n",
            live, (t3 - t2) / 1e9, (backlog + backlog / 300 + 1 + live) / ((t3 - t2) / 1e9));
        System.out.printf("| bytes written while appending the backlog | %d (%.1f per record) |%n", written,
            (double) written / (backlog + backlog / 300 + 1));
        Path cursor = dir.resolve("cursor.slots");
        if (Files.exists(cursor)) {  // written every ackPersistIntervalMs: a short drain may end before the first
          System.out.printf("| cursor file size after the drain | %d bytes |%n", Files.size(cursor));
        }
      }
    } finally {
      deleteTree(dir);
    }
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
