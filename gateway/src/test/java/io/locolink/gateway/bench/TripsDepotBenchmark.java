package io.locolink.gateway.bench;

import com.sun.management.OperatingSystemMXBean;
import io.locolink.gateway.config.TripsConfig;
import io.locolink.gateway.depot.DepotBench;
import io.locolink.gateway.depot.DepotClient;
import io.locolink.gateway.depot.DepotServer;
import io.locolink.gateway.depot.TripListing;
import io.locolink.gateway.trips.EnergyStore;
import io.locolink.gateway.trips.LogRecordCodec;
import io.locolink.gateway.trips.TestTrips;
import io.locolink.gateway.trips.TripInfo;
import io.locolink.gateway.trips.TripLogWriter;
import io.locolink.gateway.trips.TripStore;
import io.locolink.proto.v1.TelemetryFrame;
import io.locolink.testing.SyntheticTrip;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.californium.core.config.CoapConfig;

/**
 * Benchmarks of issue 7 (trip logs and the depot server), printed as Markdown for BENCHMARKS.md:
 * trip log size against the raw frames; download throughput of a 20 MiB log over DTLS-PSK on
 * loopback with our client and with libcoap's coap-client; server CPU while serving; heap the
 * server keeps after ten downloads back to back. Run with a quiet logback configuration, e.g.
 * {@code java -cp ... io.locolink.gateway.bench.TripsDepotBenchmark [MiB]}.
 */
public final class TripsDepotBenchmark {

  static final String SECRET = "YmVuY2htYXJrLWtleS1iZW5jaG1hcmsta2V5";

  public static void main(String[] args) throws Exception {
    long mib = args.length > 0 ? Long.parseLong(args[0]) : 20;
    boolean onlyRatio = args.length > 1 && args[1].equals("ratio");
    Path base = Files.createTempDirectory("trips-bench");
    try {
      compression(base.resolve("ratio"));
      if (!onlyRatio) {
        transfer(base.resolve("depot"), mib << 20);
      }
    } finally {
      try (Stream<Path> walk = Files.walk(base)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** One hour of 1 s frames (16-cell synthetic pack, 10 fast samples per frame) through the log writer. */
  static void compression(Path dir) throws Exception {
    Files.createDirectories(dir);
    compression(dir, 16, 0);
    compression(dir, 216, 0);
    compression(dir, 216, 0.5);
    compression(dir, 216, 1.0);
  }

  static void compression(Path dir, int cells, double cellNoiseMv) throws Exception {
    Random noise = new Random(42);
    long raw = 0;
    long t0 = System.nanoTime();
    Path file = dir.resolve("hour-" + cells + "-" + cellNoiseMv + ".llt");
    TripLogWriter writer = TripLogWriter.open(file, 65536, true);
    for (int t = 0; t < 3600; t++) {
      double phase = (t % 600) / 600.0;
      double speed = phase < 0.3 ? phase / 0.3 * 40 : phase < 0.6 ? 40 : phase < 0.8 ? (0.8 - phase) / 0.2 * 40 : 0;
      SyntheticTrip.State s = new SyntheticTrip.State(true, speed, 3.2 * cells, speed > 0 ? 250 : -20, 200, 22 + t / 400.0,
          60 + t / 100.0, 85 - t * 0.004);
      TelemetryFrame frame = SyntheticTrip.frame(t, Instant.ofEpochSecond(1_795_000_000L + t), s, t * 8.0, noise,
          cells, cellNoiseMv);
      byte[] record = LogRecordCodec.wrap(frame);
      raw += frame.getSerializedSize();
      writer.append(record);
      if (writer.pendingBytes() >= 65536) {
        writer.flushBlock();
      }
    }
    writer.close();
    double ms = (System.nanoTime() - t0) / 1e6;
    System.out.printf("| 1 h of 1 s frames, %d cells, cell noise %.1f mV | raw frames %,d B | log %,d B | %.1fx smaller"
        + " | %.0f ms, fsync per 64 KiB block |%n",
        cells, cellNoiseMv, raw, writer.sizeBytes(), (double) raw / writer.sizeBytes(), ms);
  }

  static void transfer(Path dir, long size) throws Exception {
    Files.createDirectories(dir);
    TripsConfig tc = TripsConfig.defaults().withDirectory(dir);
    TripStore store = TripStore.open(tc.tripsDirectory(null), 1L << 31);
    TripInfo trip = TestTrips.writeLargeTrip(store, Instant.parse("2026-11-20T06:00:00Z"), size, 1);
    EnergyStore energy = EnergyStore.open(tc.energyDirectory(null), 60);
    System.out.printf("Log of %,d bytes (%d blocks of 1024 B)%n", trip.sizeBytes(), (trip.sizeBytes() + 1023) / 1024);
    try (DepotServer server = DepotBench.server(dir, store, energy, SECRET, true, CoapConfig.NO_DEDUPLICATOR)) {
      java.net.URI uri = java.net.URI.create("coaps://127.0.0.1:" + server.dtlsAddress().getPort());
      ours(uri, dir, 1, 2);
      for (int window : new int[] {1, 4, 8}) {
        ours(uri, dir, window, 3);
      }
      libcoap(uri, dir, trip, 3);
      for (int i = 0; i < 2; i++) {
        long t0 = System.nanoTime();
        int got = DepotBench.defaultCaliforniumGet(java.net.URI.create(uri + "/trips/" + trip.id() + "/log"), "bench",
            SECRET);
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("  Californium CoapClient with defaults (transparent block-wise): %.1f MB/s (%.2f s, %d bytes)%n",
            got / s / 1e6, s, got);
      }
      heapAfterTenDownloads(uri, dir);
    }
    Files.createDirectories(dir.resolve("pool"));
    try (DepotServer server = DepotBench.server(dir.resolve("pool"), store, energy, SECRET, false,
        CoapConfig.NO_DEDUPLICATOR)) {
      java.net.URI uri = java.net.URI.create("coaps://127.0.0.1:" + server.dtlsAddress().getPort());
      System.out.println("Server with Californium's default executors (jobs handed to a pool):");
      ours(uri, dir, 1, 3);
      ours(uri, dir, 4, 3);
      libcoap(uri, dir, trip, 2);
    }
  }

  private static void ours(java.net.URI uri, Path dir, int window, int runs) throws Exception {
    for (int i = 0; i < runs; i++) {
      try (DepotClient client = DepotClient.connect(uri, "bench", SECRET.getBytes(StandardCharsets.UTF_8),
          Duration.ofSeconds(20))) {
        TripListing listing = client.listTrips().get(0);
        Path part = dir.resolve("ours.part");
        Files.deleteIfExists(part);
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        client.downloadLog(listing, part, window, (w, t) -> true);
        double s = (System.nanoTime() - t0) / 1e9;
        double cpu = (cpuNanos() - cpu0) / 1e9;
        System.out.printf("  our client, window %d: %.1f MB/s (%.2f s; JVM CPU for server and client %.2f s)%n",
            window, listing.sizeBytes() / s / 1e6, s, cpu);
        Files.delete(part);
      }
    }
  }

  private static void libcoap(java.net.URI uri, Path dir, TripInfo trip, int runs) throws Exception {
    Path coap = Path.of("/usr/bin/coap-client-openssl");
    if (!Files.isExecutable(coap)) {
      System.out.println("  libcoap: /usr/bin/coap-client-openssl not installed");
      return;
    }
    for (int i = 0; i < runs; i++) {
      Path out = dir.resolve("libcoap.out");
      Files.deleteIfExists(out);
      long cpu0 = cpuNanos();
      long t0 = System.nanoTime();
      Process p = new ProcessBuilder(List.of(coap.toString(), "-u", "bench", "-k", SECRET, "-b", "1024", "-B", "300",
          "-o", out.toString(), uri + "/trips/" + trip.id() + "/log")).redirectErrorStream(true)
          .redirectOutput(dir.resolve("libcoap.log").toFile()).start();
      p.waitFor(600, TimeUnit.SECONDS);
      double s = (System.nanoTime() - t0) / 1e9;
      double cpu = (cpuNanos() - cpu0) / 1e9;
      boolean ok = Files.exists(out) && TripStore.sha256(out).equals(trip.sha256Hex());
      System.out.printf("  libcoap coap-client-openssl: %.1f MB/s (%.2f s; server CPU %.2f s = %.0f %% of one core)%s%n",
          trip.sizeBytes() / s / 1e6, s, cpu, cpu / s * 100, ok ? "" : " SHA-256 MISMATCH");
    }
  }

  private static void heapAfterTenDownloads(java.net.URI uri, Path dir) throws Exception {
    long before = usedAfterGc();
    long t0 = System.nanoTime();
    for (int i = 0; i < 10; i++) {
      try (DepotClient client = DepotClient.connect(uri, "bench", SECRET.getBytes(StandardCharsets.UTF_8),
          Duration.ofSeconds(20))) {
        TripListing listing = client.listTrips().get(0);
        Path part = dir.resolve("heap.part");
        Files.deleteIfExists(part);
        client.downloadLog(listing, part, 4, (w, t) -> true);
        Files.delete(part);
      }
    }
    double s = (System.nanoTime() - t0) / 1e9;
    long after = usedAfterGc();
    System.out.printf("  heap after ten downloads back to back (%.1f s): %.1f MiB used before, %.1f MiB after, "
        + "retained %.1f MiB%n", s, before / 1048576.0, after / 1048576.0, (after - before) / 1048576.0);
  }

  private static long usedAfterGc() throws InterruptedException {
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long cpuNanos() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
