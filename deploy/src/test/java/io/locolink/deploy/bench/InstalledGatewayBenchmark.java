package io.locolink.deploy.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Resident memory and first frame of the installed gateway (package locolink-gateway): its jars in
 * /usr/share/locolink-gateway/lib, the JVM options of its unit file, the installed configuration
 * with trips and the depot server on, on the simulator platform (the simulator's jar added to the
 * class path, since this machine is no Pi) publishing to a local Mosquitto. The anchor runs beside
 * it in the same run with the JDK's default options. Not a test: a main class.
 *
 * <p>Run as root after {@code dpkg -i deploy/target/locolink-gateway_all.deb} and a package build,
 * from the deploy directory, on the deploy module's test class path:
 * {@code java -cp ... io.locolink.deploy.bench.InstalledGatewayBenchmark [minutes, default 10]}.
 */
public final class InstalledGatewayBenchmark {

  private static final Path LIB = Path.of("/usr/share/locolink-gateway/lib");
  private static final Path UNIT = Path.of("/lib/systemd/system/locolink.service");
  private static final Path CONFIG = Path.of("/etc/locolink/locolink.yaml");
  private static final Pattern OPTIONS = Pattern.compile("Environment=\"LOCOLINK_JAVA_OPTS=([^\"]*)\"");
  private static final long[] REPORT_AT_S = {10, 30, 60, 120, 300, 600, 900, 1200};

  private InstalledGatewayBenchmark() {}

  private record Variant(String name, String locomotive, List<String> jvmOptions) {}

  public static void main(String[] args) throws Exception {
    int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    Path simulator = Path.of(args.length > 1 ? args[1] : "../simulator/target/locolink-simulator.jar");
    if (!Files.isDirectory(LIB) || !Files.isRegularFile(UNIT)) {
      throw new IllegalStateException("install the package first: dpkg -i deploy/target/locolink-gateway_all.deb");
    }
    Matcher m = OPTIONS.matcher(Files.readString(UNIT));
    if (!m.find()) {
      throw new IllegalStateException(UNIT + " sets no LOCOLINK_JAVA_OPTS");
    }
    List<Variant> variants = List.of(
        new Variant("unit options: " + m.group(1), "KZ-BENCH-UNIT", List.of(m.group(1).split("\\s+"))),
        new Variant("anchor: JDK defaults", "KZ-BENCH-DEFAULT", List.of("--enable-native-access=ALL-UNNAMED")));
    Path work = Files.createTempDirectory("installed-gateway-bench");
    int port = freePort();
    Path brokerConf = work.resolve("mosquitto.conf");
    Files.writeString(brokerConf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
    Process broker = new ProcessBuilder("/usr/sbin/mosquitto", "-c", brokerConf.toString())
        .redirectErrorStream(true).redirectOutput(work.resolve("mosquitto.log").toFile()).start();
    Map<String, Long> firstFrameNanos = new ConcurrentHashMap<>();
    MqttClient ground = connect("tcp://127.0.0.1:" + port);
    ground.subscribe("locolink/v1/+/telemetry", 1,
        (topic, message) -> firstFrameNanos.putIfAbsent(topic.split("/")[2], System.nanoTime()));

    List<Process> gateways = new ArrayList<>();
    List<Long> started = new ArrayList<>();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    for (Variant v : variants) {
      Path config = config(work, v.locomotive(), port);
      List<String> command = new ArrayList<>(List.of(java));
      command.addAll(v.jvmOptions());
      command.addAll(List.of("-cp", LIB + "/*:" + simulator.toAbsolutePath(), "io.locolink.gateway.app.Main",
          "gateway", "--config", config.toString()));
      started.add(System.nanoTime());
      gateways.add(new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(work.resolve(v.locomotive() + ".log").toFile()).start());
    }
    Map<Long, long[]> residentKb = new TreeMap<>();
    long[] maxKb = new long[variants.size()];
    long t0 = started.get(0);
    try {
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
        }
        residentKb.put(s, row);
      }
    } finally {
      gateways.forEach(Process::destroy);
      for (Process p : gateways) {
        p.waitFor(30, TimeUnit.SECONDS);
      }
      ground.disconnect();
      ground.close();
      broker.destroy();
    }
    System.out.printf(Locale.ROOT, "installed gateway, simulator platform, trips and depot on, %d min%n", minutes);
    for (int i = 0; i < variants.size(); i++) {
      Variant v = variants.get(i);
      Long first = firstFrameNanos.get(v.locomotive());
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s | first frame %s |", v.name(),
          first == null ? "none" : String.format(Locale.ROOT, "%.2f s", (first - started.get(i)) / 1e9)));
      for (long at : REPORT_AT_S) {
        long[] row = residentKb.get(at);
        if (row != null) {
          line.append(String.format(Locale.ROOT, " %ds %.0f MB |", at, row[i] / 1024.0));
        }
      }
      line.append(String.format(Locale.ROOT, " max %.0f MB", maxKb[i] / 1024.0));
      System.out.println(line);
    }
  }

  private static Path config(Path work, String locomotive, int port) throws IOException {
    Path state = work.resolve(locomotive);
    Files.createDirectories(state);
    Path key = work.resolve(locomotive + "-depot-psk");
    Files.writeString(key, "depot:0123456789abcdef0123456789abcdef\n");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    String yaml = Files.readString(CONFIG)
        .replace("platform: raspberrypi", "platform: simulator")
        .replaceAll("(?m)^stateDir: .*$", "stateDir: " + state)
        .replaceAll("(?m)^  id: KZ-TEM-0001 ", "  id: " + locomotive + " ")
        .replaceAll("(?m)^  url: .*$", "  url: tcp://127.0.0.1:" + port)
        .replaceAll("(?m)^  (caFile|usernameFile|passwordFile): .*\\n", "")
        .replaceAll("(?m)^  port: 5684$", "  port: 0")
        .replaceAll("(?m)^  pskFile: .*$", "  pskFile: " + key);
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

  private static MqttClient connect(String url) throws Exception {
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
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
