package io.locolink.deploy.bench;

import io.locolink.gateway.config.PemFiles;
import io.locolink.gateway.uplink.TestPki;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * First frame, resident memory and CPU of the installed gateway (package locolink-gateway), started
 * through the installed launcher {@code /usr/bin/locolink} with the JVM options and environment of its
 * unit file, the installed configuration with trips and the depot server on, on the simulator platform
 * (the simulator's jar linked into the package's lib directory for the run, since this machine is no
 * Pi) publishing to a local Mosquitto over TLS, as an installation does: the installed {@code mqtt.url}
 * ({@code ssl://}) pointed at {@code ssl://127.0.0.1:PORT} and its {@code caFile} at a CA the harness makes
 * at run time ({@code TestPki}, the broker's certificate for {@code IP:127.0.0.1}, so the host name
 * verifies). {@code -Dbench.tls=false} publishes over plain {@code tcp://127.0.0.1:PORT} instead, as this
 * harness did before it had TLS (the 2026-12-02 figures in BENCHMARKS.md). Side by side in the same run: the
 * unit's options of the previous release and the JDK's defaults. Not a test: a main class.
 *
 * <p>First frame: each variant is started and stopped once to warm the file cache (and, for the unit's
 * options, to let the JVM write its class-data archive at the clean stop, as the service's first stop
 * does), then {@code starts} times one after the other; the time runs from the launcher's start to the
 * first telemetry frame arriving at a subscriber on the broker. Memory and CPU: all variants run at once
 * for {@code minutes}; resident memory is sampled every 5 s; CPU (user + system time) and the bytes the
 * process sends to the block device (journal, trip log, energy records on the file system of the
 * temporary directory) are taken from the end of the first minute to the end, the writes scaled to a day.
 * The file system's own journal (ext4's metadata commits on each fsync) is not counted: it is not the
 * process's, and the device's counters are shared with everything else on the machine.
 *
 * <p>Run as root after {@code dpkg -i deploy/target/locolink-gateway_all.deb} and a package build,
 * from the deploy directory, on the deploy module's test class path:
 * {@code java -cp ... io.locolink.deploy.bench.InstalledGatewayBenchmark [minutes, default 10] [starts,
 * default 5] [simulator jar]}.
 */
public final class InstalledGatewayBenchmark {

  private static final Path LIB = Path.of("/usr/share/locolink-gateway/lib");
  private static final Path LAUNCHER = Path.of("/usr/bin/locolink");
  private static final Path UNIT = Path.of("/lib/systemd/system/locolink.service");
  private static final Path CONFIG = Path.of("/etc/locolink/locolink.yaml");
  private static final Pattern ENVIRONMENT = Pattern.compile("(?m)^Environment=\"?([A-Z_]+)=([^\"\\n]*)\"?$");
  private static final Pattern ARCHIVE = Pattern.compile("-XX:SharedArchiveFile=\\S+");
  /** The unit's options before this release (the anchor of the memory figures in BENCHMARKS.md). */
  private static final String PREVIOUS_OPTIONS = "-Xmx64m -XX:MaxMetaspaceSize=64m -XX:ReservedCodeCacheSize=32m "
      + "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k --enable-native-access=ALL-UNNAMED";
  private static final long[] REPORT_AT_S = {10, 30, 60, 120, 300, 600, 900, 1200};
  private static final long CLOCK_TICKS_PER_S = 100;  // USER_HZ on Linux

  private InstalledGatewayBenchmark() {}

  /** One way of running the gateway: the launcher's environment and, if {@code sdSaving}, longer sync windows. */
  private record Variant(String name, String locomotive, Map<String, String> environment, boolean sdSaving) {}

  /**
   * Sync windows that trade a longer power-cut loss window for fewer page writes: telemetry synced every
   * 10 s instead of 1 s, broker acknowledgements persisted every 30 s instead of 10 s (a crash re-sends
   * at most that much, never loses it), a trip log block every 10 s instead of 5 s.
   */
  private static String sdSaving(String yaml) {
    return yaml.replaceAll("(?m)^  telemetrySyncWindowMs: \\d+$",
            "  telemetrySyncWindowMs: 10000\n  ackPersistIntervalMs: 30000")
        .replaceAll("(?m)^trips:$", "trips:\n  flushIntervalS: 10");
  }

  public static void main(String[] args) throws Exception {
    int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int starts = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path simulator = Path.of(args.length > 2 ? args[2] : "../simulator/target/locolink-simulator.jar").toAbsolutePath();
    if (!Files.isDirectory(LIB) || !Files.isRegularFile(UNIT) || !Files.isExecutable(LAUNCHER)) {
      throw new IllegalStateException("install the package first: dpkg -i deploy/target/locolink-gateway_all.deb");
    }
    Path work = Files.createTempDirectory("installed-gateway-bench");
    Map<String, String> unit = new HashMap<>();
    Matcher m = ENVIRONMENT.matcher(Files.readString(UNIT));
    while (m.find()) {
      unit.put(m.group(1), m.group(2));
    }
    if (!unit.containsKey("LOCOLINK_JAVA_OPTS")) {
      throw new IllegalStateException(UNIT + " sets no LOCOLINK_JAVA_OPTS");
    }
    // The unit's class cache lives in its CacheDirectory; the benchmark's in its own directory.
    unit.put("LOCOLINK_JAVA_OPTS", ARCHIVE.matcher(unit.get("LOCOLINK_JAVA_OPTS"))
        .replaceAll("-XX:SharedArchiveFile=" + work.resolve("gateway.jsa")));
    unit.computeIfPresent("LOCOLINK_CLASS_CACHE", (k, v) -> work.resolve("gateway").toString());
    List<Variant> variants = List.of(
        new Variant("unit's options: " + unit.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
            .sorted().collect(java.util.stream.Collectors.joining(" ")), "KZ-BENCH-UNIT", unit, false),
        new Variant("previous unit's options: " + PREVIOUS_OPTIONS, "KZ-BENCH-PREVIOUS",
            Map.of("LOCOLINK_JAVA_OPTS", PREVIOUS_OPTIONS), false),
        new Variant("JDK defaults", "KZ-BENCH-DEFAULT",
            Map.of("LOCOLINK_JAVA_OPTS", "--enable-native-access=ALL-UNNAMED"), false),
        new Variant("unit's options, sync windows telemetry 10 s, acks 30 s, trip blocks 10 s", "KZ-BENCH-SD", unit,
            true));

    int port = freePort();
    boolean tls = Boolean.parseBoolean(System.getProperty("bench.tls", "true"));
    TestPki pki = tls ? PackageStartBenchmark.pki(work) : null;
    Path ca = tls ? pki.ca : null;
    Path brokerConf = work.resolve("mosquitto.conf");
    Files.writeString(brokerConf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n"
        + (tls ? "cafile " + pki.ca + "\ncertfile " + pki.serverCert + "\nkeyfile " + pki.serverKey + "\n" : ""));
    Process broker = new ProcessBuilder("/usr/sbin/mosquitto", "-c", brokerConf.toString())
        .redirectErrorStream(true).redirectOutput(work.resolve("mosquitto.log").toFile()).start();
    Map<String, Long> firstFrameNanos = new ConcurrentHashMap<>();
    Map<String, CountDownLatch> firstFrame = new ConcurrentHashMap<>();
    MqttClient ground = connect((tls ? "ssl" : "tcp") + "://127.0.0.1:" + port, ca);
    ground.subscribe("locolink/v1/+/telemetry", 1, (topic, message) -> {
      String loco = topic.split("/")[2];
      if (firstFrameNanos.putIfAbsent(loco, System.nanoTime()) == null) {
        CountDownLatch latch = firstFrame.get(loco);
        if (latch != null) {
          latch.countDown();
        }
      }
    });
    Path linked = LIB.resolve(simulator.getFileName());
    Files.createSymbolicLink(linked, simulator);
    Map<String, List<Double>> startS = new TreeMap<>();
    Map<Long, long[]> residentKb = new TreeMap<>();
    long[] maxKb = new long[variants.size()];
    double[] cpuShare = new double[variants.size()];
    double[] writtenPerDay = new double[variants.size()];
    List<Process> gateways = new ArrayList<>();
    List<Process> starting = new java.util.concurrent.CopyOnWriteArrayList<>();
    Thread cleanUp = new Thread(() -> {  // also on Ctrl-C: no gateway left running, no link left in the package
      starting.forEach(Process::destroy);
      gateways.forEach(Process::destroy);
      try {
        Files.deleteIfExists(linked);
      } catch (IOException e) {
        System.err.println("remove " + linked + " by hand: " + e);
      }
      broker.destroy();
    });
    Runtime.getRuntime().addShutdownHook(cleanUp);
    try {
      for (Variant v : variants) {
        if (v.sdSaving()) {
          continue;  // starts as the unit's options do; measured in the soak only
        }
        List<Double> times = new ArrayList<>();
        for (int run = 0; run <= starts; run++) {  // run 0 warms up
          String loco = v.locomotive() + "-" + run;
          firstFrame.put(loco, new CountDownLatch(1));
          long t0 = System.nanoTime();
          Process p = start(v, loco, work, port, ca, "start-" + run);
          starting.add(p);
          if (!firstFrame.get(loco).await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException(v.name() + ": no frame within 120 s; see " + work);
          }
          if (run > 0) {
            times.add((firstFrameNanos.get(loco) - t0) / 1e9);
          }
          p.destroy();  // SIGTERM: a clean stop, as systemctl stop
          if (!p.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(v.name() + " did not stop; see " + work);
          }
          starting.remove(p);
        }
        startS.put(v.name(), times);
      }
      for (Variant v : variants) {
        gateways.add(start(v, v.locomotive(), work, port, ca, "soak"));
      }
      long t0 = System.nanoTime();
      long[] cpuAt60 = new long[variants.size()];
      long[] writtenAt60 = new long[variants.size()];
      for (long s = 5; s <= minutes * 60L; s += 5) {
        long sleepNanos = t0 + TimeUnit.SECONDS.toNanos(s) - System.nanoTime();
        if (sleepNanos > 0) {
          TimeUnit.NANOSECONDS.sleep(sleepNanos);
        }
        long[] row = new long[variants.size()];
        for (int i = 0; i < variants.size(); i++) {
          if (!gateways.get(i).isAlive()) {
            throw new IllegalStateException(variants.get(i).name() + " exited; see " + work);
          }
          row[i] = residentKb(gateways.get(i).pid());
          maxKb[i] = Math.max(maxKb[i], row[i]);
          if (s == 60) {
            cpuAt60[i] = cpuTicks(gateways.get(i).pid());
            writtenAt60[i] = writeBytes(gateways.get(i).pid());
          }
          if (s == minutes * 60L) {
            cpuShare[i] = (cpuTicks(gateways.get(i).pid()) - cpuAt60[i]) / (double) CLOCK_TICKS_PER_S / (s - 60);
            writtenPerDay[i] = (writeBytes(gateways.get(i).pid()) - writtenAt60[i]) * 86_400.0 / (s - 60);
          }
        }
        residentKb.put(s, row);
      }
    } finally {
      gateways.forEach(Process::destroy);
      for (Process p : gateways) {
        p.waitFor(60, TimeUnit.SECONDS);
      }
      Files.deleteIfExists(linked);
      Runtime.getRuntime().removeShutdownHook(cleanUp);
      ground.disconnect();
      ground.close();
      broker.destroy();
    }
    System.out.printf(Locale.ROOT, "installed gateway through %s, simulator platform, trips and depot on, %s to the"
        + " broker, %d starts, %d min%n", LAUNCHER, tls ? "TLS" : "plain TCP", starts, minutes);
    for (int i = 0; i < variants.size(); i++) {
      Variant v = variants.get(i);
      List<Double> sorted = startS.getOrDefault(v.name(), List.of()).stream().sorted().toList();
      StringBuilder line = new StringBuilder(v.name() + " |");
      if (!sorted.isEmpty()) {
        line.append(String.format(Locale.ROOT, " first frame median %.2f s (min %.2f, max %.2f) |",
            sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1)));
      }
      for (long at : REPORT_AT_S) {
        long[] row = residentKb.get(at);
        if (row != null) {
          line.append(String.format(Locale.ROOT, " %ds %.1f MB |", at, row[i] / 1024.0));
        }
      }
      line.append(String.format(Locale.ROOT, " max %.1f MB | after the first minute: CPU %.2f %% of one core,"
          + " block-device writes %.1f MB/day", maxKb[i] / 1024.0, cpuShare[i] * 100, writtenPerDay[i] / 1e6));
      System.out.println(line);
    }
  }

  /** Starts the installed launcher as the unit would, with {@code variant}'s environment. */
  private static Process start(Variant variant, String locomotive, Path work, int port, Path ca, String label)
      throws IOException {
    Path config = config(work, locomotive, port, ca, variant.sdSaving());
    ProcessBuilder pb = new ProcessBuilder(LAUNCHER.toString(), "gateway", "--config", config.toString())
        .redirectErrorStream(true).redirectOutput(work.resolve(locomotive + "-" + label + ".log").toFile());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().putAll(variant.environment());
    return pb.start();
  }

  private static Path config(Path work, String locomotive, int port, Path ca, boolean sdSaving) throws IOException {
    Path state = work.resolve(locomotive);
    Files.createDirectories(state);
    Path key = work.resolve(locomotive + "-depot-psk");
    Files.writeString(key, "depot:0123456789abcdef0123456789abcdef\n");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    String yaml = Files.readString(CONFIG)
        .replace("platform: raspberrypi", "platform: simulator")
        .replaceAll("(?m)^stateDir: .*$", "stateDir: " + state)
        .replaceAll("(?m)^  id: KZ-TEM-0001 ", "  id: " + locomotive + " ")
        .replaceAll("(?m)^  (caFile|usernameFile|passwordFile): .*\\n", "")
        // over TLS the installation's url and caFile, pointed at the harness's broker and CA
        .replaceAll("(?m)^  url: .*$", Matcher.quoteReplacement(ca == null ? "  url: tcp://127.0.0.1:" + port
            : "  url: ssl://127.0.0.1:" + port + "\n  caFile: " + ca))
        .replaceAll("(?m)^  port: 5684$", "  port: 0")
        .replaceAll("(?m)^  pskFile: .*$", "  pskFile: " + key)
        // each variant's journal.volatileDir of its own, in its state directory (the unit's is a tmpfs)
        .replaceAll("(?m)^  volatileDir: .*$", "  volatileDir: " + state.resolve("run"));
    if (sdSaving) {
      String saving = sdSaving(yaml);
      if (saving.equals(yaml)) {
        throw new IllegalStateException(CONFIG + " no longer has the keys the SD-saving variant edits");
      }
      yaml = saving;
    }
    Path config = work.resolve(locomotive + ".yaml");
    Files.writeString(config, yaml);
    return config;
  }

  private static long residentKb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    throw new IOException("no VmRSS for " + pid);
  }

  /**
   * Bytes the process caused to be sent to the block layer (proc(5) {@code write_bytes}, counted as pages
   * are dirtied, so a page rewritten after each fsync counts each time), less {@code cancelled_write_bytes}
   * (pages truncated before they were written).
   */
  private static long writeBytes(long pid) throws IOException {
    long written = -1;
    long cancelled = 0;
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "io"))) {
      if (line.startsWith("write_bytes:")) {
        written = Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
      } else if (line.startsWith("cancelled_write_bytes:")) {
        cancelled = Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
      }
    }
    if (written < 0) {
      throw new IOException("no write_bytes for " + pid);
    }
    return written - cancelled;
  }

  /** utime + stime of the process, clock ticks (proc(5): fields 14 and 15 of /proc/PID/stat). */
  private static long cpuTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);  // fields 14 and 15, counted from field 3
  }

  /** The ground subscriber; over TLS ({@code ca} not null) trusting {@code ca} alone, host name verified. */
  private static MqttClient connect(String url, Path ca) throws Exception {
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    if (ca != null) {
      options.setSocketFactory(PemFiles.trustingSocketFactory("caFile", ca));
      options.setHttpsHostnameVerificationEnabled(true);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      MqttClient client = new MqttClient(url, "bench-ground", new MemoryPersistence());
      try {
        client.connect(options);
        return client;
      } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
        client.close();
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);  // the broker is still binding its port
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
