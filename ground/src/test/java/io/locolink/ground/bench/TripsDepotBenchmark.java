package io.locolink.ground.bench;

import com.sun.management.OperatingSystemMXBean;
import io.locolink.gateway.config.TripsConfig;
import io.locolink.gateway.depot.DepotBench;
import io.locolink.gateway.depot.DepotServer;
import io.locolink.gateway.archive.EnergyStore;
import io.locolink.gateway.framing.LogRecordCodec;
import io.locolink.gateway.framing.StreamKind;
import io.locolink.gateway.trips.TestTrips;
import io.locolink.gateway.trips.TripInfo;
import io.locolink.gateway.trips.TripLogReader;
import io.locolink.gateway.trips.TripLogWriter;
import io.locolink.gateway.trips.TripStore;
import io.locolink.ground.collect.DepotClient;
import io.locolink.ground.collect.TripListing;
import io.locolink.proto.v1.TelemetryFrame;
import io.locolink.testing.ReferencePackFrames;
import io.locolink.testing.SyntheticTrip;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * server keeps after ten downloads back to back, and, as a control, after one download with
 * Californium's default MARK_AND_SWEEP deduplicator. Run with a quiet logback configuration, e.g.
 * {@code java -cp ... io.locolink.ground.bench.TripsDepotBenchmark [MiB]} (ground test classes, which carry the
 * gateway's).
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
    for (double sigma : new double[] {0, 0.3, 1.0}) {
      gatewayFrames(dir, sigma);
    }
  }

  /**
   * One hour of frames made by the gateway's own framing from 10 Hz snapshots of the reference pack
   * ({@link ReferencePackFrames}, read noise {@code sigmaMv} on every cell), each second as v1.1 and
   * v1.2 frames, side by side through the log writer in every format: 64 KiB deflate blocks; a
   * deflate block every 5 s (the default {@code trips.flushIntervalS}, which bounds what a power cut
   * loses), as logs were written before streamed members; a streamed deflate flush every 5 s; and an
   * LZMA2 flush every 5 s of records coded by {@code LogRecordModel}, what the writer does now. Also
   * the writer's CPU (its thread's, fsyncs included) and the reader's for each log, and a check that
   * every frame reads back byte for byte.
   */
  static void gatewayFrames(Path dir, double sigmaMv) throws Exception {
    ReferencePackFrames source = new ReferencePackFrames(sigmaMv);
    long rawV11 = 0;
    long rawV12 = 0;
    List<Log> logs = new ArrayList<>();
    for (String version : List.of("v1.1", "v1.2")) {
      logs.add(new Log(dir, sigmaMv, version, "64 KiB blocks", TripLogWriter.Format.DEFLATE_BLOCKS, false));
      logs.add(new Log(dir, sigmaMv, version, "a block every 5 s", TripLogWriter.Format.DEFLATE_BLOCKS, true));
      logs.add(new Log(dir, sigmaMv, version, "a streamed deflate flush every 5 s", TripLogWriter.Format.DEFLATE_STREAMED,
          true));
      logs.add(new Log(dir, sigmaMv, version, "an LZMA2 flush every 5 s, modelled records",
          TripLogWriter.Format.LZMA2_MODELLED, true));
    }
    List<byte[]> v11Records = new ArrayList<>();
    List<byte[]> v12Records = new ArrayList<>();
    for (int t = 0; t < 3600; t++) {
      ReferencePackFrames.Second second = source.next();
      rawV11 += second.v11().getSerializedSize();
      rawV12 += second.v12().getSerializedSize();
      v11Records.add(LogRecordCodec.wrap(StreamKind.TELEMETRY, second.v11().toByteArray()));
      v12Records.add(LogRecordCodec.wrap(StreamKind.TELEMETRY, second.v12().toByteArray()));
      for (Log log : logs) {
        log.append(log.version.equals("v1.1") ? v11Records.get(t) : v12Records.get(t), t % 5 == 4);
      }
    }
    String row = "| %s | %.1f mV | %s | raw v1.1 %,d B | raw as logged %,d B | log %,d B | %.2fx vs v1.1 | %.2fx vs as"
        + " logged | writer CPU %.2f s/h | reader CPU %.2f s/h |%n";
    for (Log log : logs) {
      log.close();
      List<byte[]> expected = log.version.equals("v1.1") ? v11Records : v12Records;
      double readCpu = log.readBack(expected);
      long asLogged = log.version.equals("v1.1") ? rawV11 : rawV12;
      System.out.printf(row, log.version, sigmaMv, log.writing, rawV11, asLogged, log.writer.sizeBytes(),
          (double) rawV11 / log.writer.sizeBytes(), (double) asLogged / log.writer.sizeBytes(), log.cpuNanos / 1e9,
          readCpu);
    }
  }

  /** One log of the side-by-side comparison: its writer and the CPU its calls took. */
  private static final class Log {
    final String version;
    final String writing;
    final boolean every5s;
    final Path file;
    final TripLogWriter writer;
    long cpuNanos;

    Log(Path dir, double sigmaMv, String version, String writing, TripLogWriter.Format format, boolean every5s) {
      this.version = version;
      this.writing = writing;
      this.every5s = every5s;
      this.file = dir.resolve(version + "-" + format + "-" + every5s + "-" + sigmaMv + ".llt");
      long t0 = threadCpu();
      this.writer = TripLogWriter.open(file, 65536, true, format);
      cpuNanos += threadCpu() - t0;
    }

    void append(byte[] record, boolean flushPoint) {
      long t0 = threadCpu();
      writer.append(record);
      if (every5s && flushPoint) {
        writer.flushBlock();
      }
      cpuNanos += threadCpu() - t0;
    }

    void close() {
      long t0 = threadCpu();
      writer.close();
      cpuNanos += threadCpu() - t0;
    }

    /** Reads the log back, checks every record against {@code expected}; returns the reader's CPU, s. */
    double readBack(List<byte[]> expected) {
      List<byte[]> back = new ArrayList<>();
      long t0 = threadCpu();
      TripLogReader.read(file, back::add);
      long cpu = threadCpu() - t0;
      if (back.size() != expected.size()) {
        throw new IllegalStateException(file + ": " + back.size() + " records back of " + expected.size());
      }
      for (int i = 0; i < back.size(); i++) {
        if (!java.util.Arrays.equals(back.get(i), expected.get(i))) {
          throw new IllegalStateException(file + ": record " + i + " differs");
        }
      }
      return cpu / 1e9;
    }
  }

  private static long threadCpu() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  static void compression(Path dir, int cells, double cellNoiseMv) throws Exception {
    for (TripLogWriter.Format format : List.of(TripLogWriter.Format.DEFLATE_STREAMED, TripLogWriter.Format.LZMA2_MODELLED)) {
      Random noise = new Random(42);
      long raw = 0;
      long t0 = System.nanoTime();
      Path file = dir.resolve("hour-" + cells + "-" + cellNoiseMv + "-" + format + ".llt");
      TripLogWriter writer = TripLogWriter.open(file, 65536, true, format);
      for (int t = 0; t < 3600; t++) {
        double phase = (t % 600) / 600.0;
        double speed = phase < 0.3 ? phase / 0.3 * 40 : phase < 0.6 ? 40 : phase < 0.8 ? (0.8 - phase) / 0.2 * 40 : 0;
        SyntheticTrip.State s = new SyntheticTrip.State(true, speed, 3.2 * cells, speed > 0 ? 250 : -20, 200,
            22 + t / 400.0, 60 + t / 100.0, 85 - t * 0.004);
        TelemetryFrame frame = SyntheticTrip.frame(t, Instant.ofEpochSecond(1_795_000_000L + t), s, t * 8.0, noise,
            cells, cellNoiseMv);
        byte[] record = LogRecordCodec.wrap(StreamKind.TELEMETRY, frame.toByteArray());
        raw += frame.getSerializedSize();
        writer.append(record);
        if (writer.pendingBytes() >= 65536) {
          writer.flushBlock();
        }
      }
      writer.close();
      double ms = (System.nanoTime() - t0) / 1e6;
      System.out.printf("| 1 h of 1 s frames, %d cells, cell noise %.1f mV | %s | raw frames %,d B | log %,d B"
          + " | %.1fx smaller | %.0f ms, fsync per 64 KiB block |%n",
          cells, cellNoiseMv, format, raw, writer.sizeBytes(), (double) raw / writer.sizeBytes(), ms);
    }
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
      heapAfterDownloads(uri, dir, 10, "heap after ten downloads back to back");
    }
    Files.createDirectories(dir.resolve("mark-and-sweep"));
    try (DepotServer server = DepotBench.server(dir.resolve("mark-and-sweep"), store, energy, SECRET, true,
        CoapConfig.DEDUPLICATOR_MARK_AND_SWEEP)) {
      java.net.URI uri = java.net.URI.create("coaps://127.0.0.1:" + server.dtlsAddress().getPort());
      // one download only: the exchanges are kept for the 247 s exchange lifetime
      heapAfterDownloads(uri, dir, 1, "control, Californium's default MARK_AND_SWEEP deduplicator: heap after one"
          + " download");
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

  private static void heapAfterDownloads(java.net.URI uri, Path dir, int downloads, String label) throws Exception {
    long before = usedAfterGc();
    long t0 = System.nanoTime();
    for (int i = 0; i < downloads; i++) {
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
    System.out.printf("  %s (%.1f s): %.1f MiB used before, %.1f MiB after, retained %.1f MiB%n", label, s,
        before / 1048576.0, after / 1048576.0, (after - before) / 1048576.0);
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
