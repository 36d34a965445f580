package io.locolink.simulator.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * What the gateway makes the block device write per day at the default settings, side by side in
 * one run with the same settings but the journal's telemetry on the card (no {@code
 * journal.volatileDir}) and with the earlier sync rules. Each variant is the real gateway
 * ({@code locolink gateway --config ...}, a JVM of its own with the packaged unit's JVM options)
 * on the simulator platform, with the
 * packaged configuration ({@code deploy/gateway/etc/locolink.yaml}: trips and the depot server on)
 * and a real Mosquitto on loopback; the state directories are in a temporary directory, which must
 * be on a disk file system (not tmpfs); each variant's {@code journal.volatileDir} is a directory
 * of its own under {@code /dev/shm} (a tmpfs, as the unit's runtime directory is on a Pi). After a
 * minute of warm-up the bytes each process sent to the block layer ({@code /proc/PID/io}: {@code
 * write_bytes}, counted when a page is dirtied, so a page synced and written again counts each
 * time, less {@code cancelled_write_bytes}) are taken until the end and scaled to a day. The file
 * system's own journal commits are not the process's and not counted there; what the simulator
 * platform writes beside the gateway (its clock file, saved every five minutes) is, although a Pi
 * does not write it. Over the same minutes the sectors written to the block device under each
 * variant's state directory ({@code /sys/class/block/NAME/stat}) are scaled to a day too:
 * everything the device wrote, the file system's journal and metadata included, which is the
 * gateway's alone only when that directory is a file system of its own (the work directory's
 * entries for the variants may be links to such mounts, see
 * BENCHMARKS.md). Not a test: a main
 * class, run from the simulator directory with the modules' classes ahead of the dependencies (see
 * BENCHMARKS.md):
 * {@code java -cp target/test-classes:target/classes:../gateway/target/classes:...
 * io.locolink.simulator.bench.SdCardWritesBenchmark [minutes, default 10] [work directory]}.
 */
public final class SdCardWritesBenchmark {

  private static final Path CONFIG = Path.of("../deploy/gateway/etc/locolink.yaml");
  private static final Path UNIT = Path.of("../deploy/gateway/systemd/locolink.service");
  private static final java.util.regex.Pattern JAVA_OPTS =
      java.util.regex.Pattern.compile("(?m)^Environment=\"?LOCOLINK_JAVA_OPTS=([^\"\\n]*)\"?$");

  private SdCardWritesBenchmark() {}

  /** One way of configuring the gateway, as an edit of the packaged configuration. */
  private record Variant(String name, String locomotive, UnaryOperator<String> edit) {}

  public static void main(String[] args) throws Exception {
    int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    Path work = args.length > 1 ? Files.createDirectories(Path.of(args[1])) : Files.createTempDirectory("sdcard-bench");
    List<Variant> variants = List.of(
        new Variant("earlier rules: every window synced (journal.syncAcknowledged: true), telemetry on the card",
            "KZ-SD-EARLIER", yaml -> edit(edit(yaml, "(?m)^  telemetrySyncWindowMs: 1000$",
                "  telemetrySyncWindowMs: 1000\n  syncAcknowledged: true"), "(?m)^  volatileDir: .*\\n", "")),
        new Variant("defaults but telemetry on the card (no journal.volatileDir)", "KZ-SD-ONCARD",
            yaml -> edit(yaml, "(?m)^  volatileDir: .*\\n", "")),
        new Variant("defaults", "KZ-SD-DEFAULTS", yaml -> yaml));
    int port = freePort();
    Path brokerConf = work.resolve("mosquitto.conf");
    Files.writeString(brokerConf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
    Process broker = new ProcessBuilder("/usr/sbin/mosquitto", "-c", brokerConf.toString())
        .redirectErrorStream(true).redirectOutput(work.resolve("mosquitto.log").toFile()).start();
    Map<String, AtomicLong> frames = new ConcurrentHashMap<>();
    List<Process> gateways = new ArrayList<>();
    Thread cleanUp = new Thread(() -> {
      gateways.forEach(Process::destroy);
      broker.destroy();
    });
    Runtime.getRuntime().addShutdownHook(cleanUp);
    long[] writtenAt60 = new long[variants.size()];
    String[] devices = new String[variants.size()];
    long[] sectorsAt60 = new long[variants.size()];
    double[] devicePerDay = new double[variants.size()];
    long[] framesAt60 = new long[variants.size()];
    double[] perDay = new double[variants.size()];
    long[] framesCounted = new long[variants.size()];
    List<String> byThread = new ArrayList<>();
    String loadAtStart = loadAverage();
    MqttClient ground = connect("tcp://127.0.0.1:" + port);
    try {
      ground.subscribe("locolink/v1/+/telemetry", 1, (topic, message) ->
          frames.computeIfAbsent(topic.split("/")[2], k -> new AtomicLong()).incrementAndGet());
      for (int i = 0; i < variants.size(); i++) {
        gateways.add(start(variants.get(i), work, port));
        devices[i] = deviceOf(work.resolve(variants.get(i).locomotive()));
      }
      long t0 = System.nanoTime();
      for (long s = 5; s <= minutes * 60L; s += 5) {
        long sleepNanos = t0 + TimeUnit.SECONDS.toNanos(s) - System.nanoTime();
        if (sleepNanos > 0) {
          TimeUnit.NANOSECONDS.sleep(sleepNanos);
        }
        for (int i = 0; i < variants.size(); i++) {
          Process p = gateways.get(i);
          if (!p.isAlive()) {
            throw new IllegalStateException(variants.get(i).name() + " exited; see " + work);
          }
          long received = frames.getOrDefault(variants.get(i).locomotive(), new AtomicLong()).get();
          if (s == 60) {
            writtenAt60[i] = writeBytes(p.pid());
            sectorsAt60[i] = sectorsWritten(devices[i]);
            framesAt60[i] = received;
          } else if (s == minutes * 60L) {
            perDay[i] = (writeBytes(p.pid()) - writtenAt60[i]) * 86_400.0 / (s - 60);
            devicePerDay[i] = (sectorsWritten(devices[i]) - sectorsAt60[i]) * 512 * 86_400.0 / (s - 60);
            framesCounted[i] = received - framesAt60[i];
            byThread.add(variants.get(i).name() + ": " + threadWrites(p.pid()));
          }
        }
      }
    } finally {
      gateways.forEach(Process::destroy);
      for (Process p : gateways) {
        p.waitFor(60, TimeUnit.SECONDS);
      }
      Runtime.getRuntime().removeShutdownHook(cleanUp);
      for (Variant v : variants) {
        deleteTree(memoryDir(v.locomotive()));
      }
      ground.disconnect();
      ground.close();
      broker.destroy();
    }
    System.out.printf(Locale.ROOT, "gateway on the simulator platform, packaged configuration, %d min (writes from"
        + " minute 1 on), load average at start %s, at end %s, state in %s%n", minutes, loadAtStart, loadAverage(), work);
    System.out.println("| sync rules | frames at the ground after minute 1 | block-device writes per day"
        + " | its state directory's device: everything it wrote, per day |");
    System.out.println("|---|---|---|---|");
    for (int i = 0; i < variants.size(); i++) {
      System.out.printf(Locale.ROOT, "| %s | %,d | %.1f MB | %s |%n", variants.get(i).name(), framesCounted[i],
          perDay[i] / 1e6, devices[i] == null ? "no device found"
              : String.format(Locale.ROOT, "%.1f MB (%s)", devicePerDay[i] / 1e6, devices[i]));
    }
    if (java.util.Arrays.stream(devices).filter(java.util.Objects::nonNull).distinct().count() < devices.length) {
      System.out.println("state directories share a device: its figures count every variant on it and whatever"
          + " else wrote to it");
    }
    System.out.println("write_bytes per thread since the start (threads that wrote), at the end:");
    byThread.forEach(System.out::println);
  }

  /** {@code name=KB} for each thread of {@code pid} whose {@code write_bytes} is not zero. */
  private static String threadWrites(long pid) throws IOException {
    StringBuilder sb = new StringBuilder();
    try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks.sorted().toList()) {
        try {
          long written = 0;
          for (String line : Files.readAllLines(task.resolve("io"))) {
            if (line.startsWith("write_bytes:")) {
              written = Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
            }
          }
          if (written > 0) {
            sb.append(Files.readString(task.resolve("comm")).strip()).append('=').append(written / 1024).append(" KB ");
          }
        } catch (IOException threadEnded) {
          // the thread ended while being read
        }
      }
    }
    return sb.toString();
  }

  private static String edit(String yaml, String regex, String replacement) {
    String edited = yaml.replaceAll(regex, replacement);
    if (edited.equals(yaml)) {
      throw new IllegalStateException(CONFIG + " no longer has what " + regex + " edits");
    }
    return edited;
  }

  /** Starts the gateway in a JVM of its own on this class path, with {@code variant}'s configuration. */
  private static Process start(Variant variant, Path work, int port) throws IOException {
    String loco = variant.locomotive();
    Path state = Files.createDirectories(work.resolve(loco));
    Path key = work.resolve(loco + "-depot-psk");
    Files.writeString(key, "depot:0123456789abcdef0123456789abcdef\n");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    String yaml = Files.readString(CONFIG)
        .replace("platform: raspberrypi", "platform: simulator")
        .replaceAll("(?m)^stateDir: .*$", "stateDir: " + state)
        .replaceAll("(?m)^  id: KZ-TEM-0001 ", "  id: " + loco + " ")
        .replaceAll("(?m)^  url: .*$", "  url: tcp://127.0.0.1:" + port)
        .replaceAll("(?m)^  (caFile|usernameFile|passwordFile): .*\\n", "")
        .replaceAll("(?m)^  port: 5684$", "  port: 0")
        .replaceAll("(?m)^  pskFile: .*$", "  pskFile: " + key)
        .replaceAll("(?m)^  volatileDir: .*$", "  volatileDir: " + memoryDir(loco));
    Path config = work.resolve(loco + ".yaml");
    Files.writeString(config, variant.edit().apply(yaml));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(java.toString()));
    command.addAll(unitJavaOptions());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.locolink.gateway.app.Main", "gateway",
        "--config", config.toString()));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve(loco + ".log").toFile())
        .start();
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /**
   * A fresh directory in memory for {@code locomotive}'s journal.volatileDir, as the unit's runtime
   * directory is on a Pi: under {@code /dev/shm} (a tmpfs), named for the locomotive and this run.
   */
  private static Path memoryDir(String locomotive) throws IOException {
    Path shm = Path.of("/dev/shm");
    if (!Files.isDirectory(shm)) {
      throw new IOException("no /dev/shm: the benchmark needs a tmpfs for journal.volatileDir");
    }
    return Files.createDirectories(shm.resolve("locolink-sdcard-" + locomotive + "-" + ProcessHandle.current().pid()));
  }

  /**
   * The JVM options of the packaged unit (among them {@code -XX:-UsePerfData}: the JVM's own
   * performance-data file would otherwise count as writes), without its class-data archive.
   */
  private static List<String> unitJavaOptions() throws IOException {
    java.util.regex.Matcher m = JAVA_OPTS.matcher(Files.readString(UNIT));
    if (!m.find()) {
      throw new IllegalStateException(UNIT + " sets no LOCOLINK_JAVA_OPTS");
    }
    return java.util.Arrays.stream(m.group(1).trim().split("\\s+"))
        .filter(o -> !o.startsWith("-XX:SharedArchiveFile=") && !o.equals("-XX:+AutoCreateSharedArchive"))
        .toList();
  }

  /**
   * Bytes the process caused to be sent to the block layer (proc(5) {@code write_bytes}), less
   * {@code cancelled_write_bytes} (dirty pages of files truncated or deleted before writeback).
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

  /** The name in {@code /sys/class/block} of the device whose file system holds {@code dir}, or null. */
  private static String deviceOf(Path dir) throws IOException {
    String source = Files.getFileStore(dir.toRealPath()).name();
    if (!source.startsWith("/dev/")) {
      return null;
    }
    String name = source.substring("/dev/".length());
    return Files.isReadable(Path.of("/sys/class/block", name, "stat")) ? name : null;
  }

  /** Sectors (512 bytes) written to {@code device} since boot (the block layer's stat, field 7); 0 for null. */
  private static long sectorsWritten(String device) throws IOException {
    if (device == null) {
      return 0;
    }
    return Long.parseLong(Files.readString(Path.of("/sys/class/block", device, "stat")).strip().split("\\s+")[6]);
  }

  private static String loadAverage() throws IOException {
    String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
    return f[0] + " " + f[1] + " " + f[2];
  }

  private static MqttClient connect(String url) throws Exception {
    MqttClient c = new MqttClient(url, "sdcard-bench-ground", new MemoryPersistence());
    MqttConnectOptions o = new MqttConnectOptions();
    o.setCleanSession(true);
    for (int attempt = 0; ; attempt++) {
      try {
        c.connect(o);
        return c;
      } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
        if (attempt == 50) {
          throw e;
        }
        Thread.sleep(100); // the broker is still starting
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
