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
import io.locolink.gateway.trips.TripLogWriter;
import io.locolink.gateway.trips.TripStore;
import io.locolink.ground.collect.DepotClient;
import io.locolink.ground.collect.TripListing;
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
   * One hour of frames made by the gateway's own framing ({@code TelemetryFrameEncoder}) from
   * 10 Hz snapshots of the reference pack: 216 cells read in whole millivolts (a BMS's
   * resolution) with Gaussian read noise {@code sigmaMv} on slowly drifting true voltages, 108
   * temperature sensors in 0.1 degC, 4 drives, genset, GNSS.
   */
  static void gatewayFrames(Path dir, double sigmaMv) throws Exception {
    Random noise = new Random(7);
    // Side by side on the same snapshots: v1.1 frames (every cell list whole, the earlier path) and v1.2
    // frames (cells predicted from the previous frame, a key frame every 30: what the gateway sends and logs
    // today), each through the log writer with 64 KiB blocks and with a block every 5 s (the default
    // trips.flushIntervalS, which bounds what a power cut loses).
    io.locolink.gateway.framing.CellPredictor predictor = new io.locolink.gateway.framing.CellPredictor(
        io.locolink.gateway.config.FramingConfig.DEFAULT_KEY_FRAME_INTERVAL);
    long rawV11 = 0;
    long rawV12 = 0;
    // Blocks compressed one by one (every log before streamed members) and streamed members (one deflate
    // stream across the flushes of 64 KiB of records, what the writer does now).
    TripLogWriter v11Big = TripLogWriter.open(dir.resolve("gw11-" + sigmaMv + ".llt"), 65536, true, false);
    TripLogWriter v11Flush = TripLogWriter.open(dir.resolve("gw11f-" + sigmaMv + ".llt"), 65536, true, false);
    TripLogWriter v11Stream = TripLogWriter.open(dir.resolve("gw11s-" + sigmaMv + ".llt"), 65536, true, true);
    TripLogWriter v12Big = TripLogWriter.open(dir.resolve("gw12-" + sigmaMv + ".llt"), 65536, true, false);
    TripLogWriter v12Flush = TripLogWriter.open(dir.resolve("gw12f-" + sigmaMv + ".llt"), 65536, true, false);
    TripLogWriter v12Stream = TripLogWriter.open(dir.resolve("gw12s-" + sigmaMv + ".llt"), 65536, true, true);
    double[] offsetMv = new double[216];
    for (int c = 0; c < 216; c++) {
      offsetMv[c] = noise.nextGaussian() * 8;
    }
    for (int t = 0; t < 3600; t++) {
      java.util.List<io.locolink.gateway.acquisition.Snapshot> snaps = new java.util.ArrayList<>();
      for (int k = 0; k < 10; k++) {
        double sec = t + k / 10.0;
        double phase = (sec % 600) / 600.0;
        double speed = phase < 0.3 ? phase / 0.3 * 40 : phase < 0.6 ? 40 : phase < 0.8 ? (0.8 - phase) / 0.2 * 40 : 0;
        double current = speed > 0 ? 400 + noise.nextGaussian() * 2 : -20 + noise.nextGaussian();
        double[] cells = new double[216];
        for (int c = 0; c < 216; c++) {
          double trueMv = 3290 - sec / 3600 * 40 + offsetMv[c] - current * 0.18;
          cells[c] = Math.round(trueMv + noise.nextGaussian() * sigmaMv) / 1000.0;
        }
        double[] temps = new double[108];
        for (int i = 0; i < temps.length; i++) {
          temps[i] = Math.round((22 + sec / 600 + (i % 7) * 0.3) * 10) / 10.0;
        }
        double packV = java.util.Arrays.stream(cells).sum();
        io.locolink.gateway.acquisition.PackReadings pack = new io.locolink.gateway.acquisition.PackReadings(
            io.locolink.gateway.acquisition.Reading.good(packV), io.locolink.gateway.acquisition.Reading.good(current),
            cells, new int[216], temps, new int[108], io.locolink.gateway.acquisition.Reading.good(80),
            io.locolink.gateway.acquisition.Reading.good(98), io.locolink.gateway.acquisition.Reading.good(5000),
            io.locolink.gateway.acquisition.Contactor.CLOSED, new boolean[216], 5);
        java.util.List<io.locolink.gateway.acquisition.DriveReadings> drives = new java.util.ArrayList<>();
        for (int d = 0; d < 4; d++) {
          drives.add(new io.locolink.gateway.acquisition.DriveReadings(d,
              io.locolink.gateway.acquisition.Reading.good(current / 4 + noise.nextGaussian()),
              io.locolink.gateway.acquisition.Reading.good(speed * 40), io.locolink.gateway.acquisition.Reading.good(packV),
              io.locolink.gateway.acquisition.Reading.good(Math.round((70 + sec / 300) * 10) / 10.0),
              io.locolink.gateway.acquisition.Reading.good(55), io.locolink.gateway.acquisition.Reading.good(60),
              io.locolink.gateway.acquisition.Reading.good(40)));
        }
        io.locolink.gateway.acquisition.GnssFix fix = new io.locolink.gateway.acquisition.GnssFix(43.25 + sec * 1e-6,
            76.95, speed, Instant.ofEpochSecond(1_795_000_000L + t), 1, 9, 0);
        snaps.add(new io.locolink.gateway.acquisition.Snapshot((long) (sec * 1e9), Instant.ofEpochSecond(1_795_000_000L + t),
            io.locolink.gateway.acquisition.ClockQuality.SYNCED, pack, drives, java.util.Optional.empty(),
            new io.locolink.gateway.acquisition.MotionReadings(io.locolink.gateway.acquisition.Reading.good(speed),
                sec * 8, java.util.Optional.of(fix), true)));
      }
      io.locolink.gateway.framing.HeaderFields header = new io.locolink.gateway.framing.HeaderFields("KZ-0042", 1,
          t, snaps.get(0).utc(), io.locolink.gateway.acquisition.ClockQuality.SYNCED);
      io.locolink.gateway.estimation.Estimates estimates =
          SyntheticTrip.estimates(new SyntheticTrip.State(true, 0, 700, 0, 0, 25, 70, 80));
      TelemetryFrame v11 = io.locolink.gateway.framing.TelemetryFrameEncoder.encode(header, snaps, estimates);
      TelemetryFrame v12 = io.locolink.gateway.framing.TelemetryFrameEncoder.encode(header, snaps, estimates,
          predictor);
      rawV11 += v11.getSerializedSize();
      rawV12 += v12.getSerializedSize();
      for (TripLogWriter w : List.of(v11Big, v11Flush, v11Stream)) {
        w.append(LogRecordCodec.wrap(StreamKind.TELEMETRY, v11.toByteArray()));
      }
      for (TripLogWriter w : List.of(v12Big, v12Flush, v12Stream)) {
        w.append(LogRecordCodec.wrap(StreamKind.TELEMETRY, v12.toByteArray()));
      }
      if (t % 5 == 4) {
        v11Flush.flushBlock();
        v12Flush.flushBlock();
        v11Stream.flushBlock();
        v12Stream.flushBlock();
      }
    }
    for (TripLogWriter w : List.of(v11Big, v11Flush, v11Stream, v12Big, v12Flush, v12Stream)) {
      w.close();
    }
    String row = "| %s frames, read noise %.1f mV, %s | raw v1.1 frames %,d B | raw frames as logged %,d B | log %,d B"
        + " | %.1fx smaller than v1.1 frames | %.1fx smaller than the logged frames |%n";
    System.out.printf(row, "v1.1", sigmaMv, "64 KiB blocks", rawV11, rawV11, v11Big.sizeBytes(),
        (double) rawV11 / v11Big.sizeBytes(), (double) rawV11 / v11Big.sizeBytes());
    System.out.printf(row, "v1.1", sigmaMv, "a block every 5 s", rawV11, rawV11, v11Flush.sizeBytes(),
        (double) rawV11 / v11Flush.sizeBytes(), (double) rawV11 / v11Flush.sizeBytes());
    System.out.printf(row, "v1.1", sigmaMv, "a streamed flush every 5 s", rawV11, rawV11, v11Stream.sizeBytes(),
        (double) rawV11 / v11Stream.sizeBytes(), (double) rawV11 / v11Stream.sizeBytes());
    System.out.printf(row, "v1.2", sigmaMv, "64 KiB blocks", rawV11, rawV12, v12Big.sizeBytes(),
        (double) rawV11 / v12Big.sizeBytes(), (double) rawV12 / v12Big.sizeBytes());
    System.out.printf(row, "v1.2", sigmaMv, "a block every 5 s", rawV11, rawV12, v12Flush.sizeBytes(),
        (double) rawV11 / v12Flush.sizeBytes(), (double) rawV12 / v12Flush.sizeBytes());
    System.out.printf(row, "v1.2", sigmaMv, "a streamed flush every 5 s", rawV11, rawV12, v12Stream.sizeBytes(),
        (double) rawV11 / v12Stream.sizeBytes(), (double) rawV12 / v12Stream.sizeBytes());
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
      byte[] record = LogRecordCodec.wrap(StreamKind.TELEMETRY, frame.toByteArray());
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
