package io.locolink.deploy.bench;

import io.locolink.gateway.config.PemFiles;
import io.locolink.gateway.systemd.NotifyListener;
import io.locolink.gateway.uplink.TestPki;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * First frame and resident memory of the gateway package without installing it (no root needed):
 * each {@code .deb} is unpacked with {@code dpkg-deb -x} into a directory, and its own launcher
 * ({@code usr/bin/locolink}, pointed at that directory's jars) starts the gateway with the
 * environment its own unit file sets ({@code LOCOLINK_JAVA_OPTS}, {@code MALLOC_ARENA_MAX}; the
 * class-data archive in a cache directory of its own) and that systemd gives a notify service with a
 * watchdog ({@code NOTIFY_SOCKET}, a socket the harness reads, and {@code WATCHDOG_USEC} from the unit's
 * {@code WatchdogSec=}; not with {@code -Dbench.notify=false}), on its own default configuration with trips
 * and the depot server on, switched to the simulator platform (the simulator's jar of the same build
 * linked into the unpacked lib directory) and a local Mosquitto. Several packages side by side in one
 * run: today's and an anchor built from an earlier commit, or one package with other JVM options.
 *
 * <p>First frame: one warm-up start per variant (its clean stop writes the class-data archive, as the
 * service's first stop does), then {@code starts} rounds, each starting every variant once in turn; the
 * time runs from the launcher's start to the first telemetry frame at a subscriber on the broker. The
 * gateway's log gives the stages (sampling started; configuration loaded and the journal open; the gateway
 * wired and acquiring; the broker connected), from the launcher's start. The report adds the CPU time (user + system) the
 * gateway's process had used when its first frame arrived, which the machine's load stretches far less
 * than the wall time. Memory: all variants at once for {@code minutes}, resident memory ({@code VmRSS}) every
 * 5 s, the thread count at the end, CPU (user + system) after the first minute. The load average is
 * printed before and after: the machine is shared.
 *
 * <p>Not a test: a main class, run from the deploy directory on the deploy module's test class path
 * after a package build: {@code java -cp ... io.locolink.deploy.bench.PackageStartBenchmark MINUTES
 * STARTS LABEL=DEB[@JAVA_OPTS] ...}. With {@code @JAVA_OPTS} the variant runs with those options
 * instead of its unit's: {@code @ARCHIVE} in them stands for a class-data archive in the variant's
 * cache directory, {@code @CACHE} for the class cache the launcher chooses (its unit's
 * {@code LOCOLINK_CLASS_CACHE}, pointed at the variant's cache directory); without {@code @CACHE} the
 * launcher adds none.
 *
 * <p>With {@code -Dbench.pullMiB=N} each variant's soak state directory gets a finished trip of N MiB
 * and 62 days of energy records before the soak, every variant runs with a GC log, and one minute in,
 * the harness pulls that trip's log from every variant in turn over its depot server (DTLS, 4 blocks
 * in flight, as {@code depot pull}) and asks for the 62 days of energy records and 7 days of them as
 * JSON ({@link DepotPull}); the report adds the times and, from the GC log, the highest heap occupancy
 * before a collection and after one, over the whole soak. {@code -Dbench.pull=LABEL[:CLIENTS],...}
 * pulls from the variants named only (the others get the same state and GC log, and no pull), with
 * that many depot clients at once, each with its own DTLS session.
 *
 * <p>The broker connection is the installed one by default: the package's configuration names an
 * {@code ssl://} broker and its CA ({@code mqtt.caFile}), so each gateway keeps
 * {@code ssl://127.0.0.1:PORT} with {@code caFile} pointing at a CA the harness makes at run time
 * ({@code TestPki}: openssl, the broker's certificate for {@code IP:127.0.0.1} and {@code DNS:localhost},
 * so the host name verifies), and the local Mosquitto has a TLS listener with that CA's certificate; the
 * harness's ground subscriber connects over TLS too. The default is TLS because the figures are meant to
 * be the installed gateway's, whose JSSE classes, handshake and its compiled code count in both the
 * memory and the first frame. {@code -Dbench.tls=false} runs every variant over plain
 * {@code tcp://127.0.0.1:PORT} without a CA (as this harness did before it had TLS, for figures comparable
 * with those); {@code -Dbench.tls=LABEL,...} runs only the variants named over TLS and the others over
 * plain TCP, against the same broker (one Mosquitto with both listeners; the ground subscriber then
 * connects over TLS), so that one run holds both. Usernames and passwords are left out either way (the
 * broker takes anonymous clients).
 */
public final class PackageStartBenchmark {

  private static final Pattern ENVIRONMENT = Pattern.compile("(?m)^Environment=\"?([A-Z_]+)=([^\"\\n]*)\"?$");
  private static final Pattern WATCHDOG = Pattern.compile("(?m)^WatchdogSec=(\\d+)s$");
  private static final Pattern ARCHIVE = Pattern.compile("-XX:SharedArchiveFile=\\S+");
  private static final Pattern LOG_TIME = Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) ");
  private static final long[] REPORT_AT_S = {10, 30, 60, 120, 300, 600, 900, 1200};
  private static final long CLOCK_TICKS_PER_S = 100;  // USER_HZ on Linux
  /** Stages of a start, from the gateway's log: the first line matching each. */
  private static final Map<String, Pattern> STAGES = stages();

  private PackageStartBenchmark() {}

  private static Map<String, Pattern> stages() {
    Map<String, Pattern> m = new LinkedHashMap<>();
    m.put("sampling", Pattern.compile("acquisition for .* sampling"));
    m.put("journal open", Pattern.compile("journal .* opened"));
    m.put("acquiring", Pattern.compile("gateway for .* started"));
    m.put("broker connected", Pattern.compile("uplink: connected"));
    m.put("depot serving", Pattern.compile("depot server serving"));
    return m;
  }

  /** One package run one way: its unpacked tree, the launcher's environment. */
  private record Variant(String label, Path root, Map<String, String> environment, String locomotive, boolean tls) {}

  /** The local broker: a plain listener on {@code port}, a TLS one on {@code tlsPort} with {@code ca}'s certificate. */
  private record Broker(int port, int tlsPort, Path ca) {
    String url(boolean tls) {
      return tls ? "ssl://127.0.0.1:" + tlsPort : "tcp://127.0.0.1:" + port;
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      throw new IllegalArgumentException("arguments: MINUTES STARTS LABEL=DEB[@JAVA_OPTS] ...");
    }
    int minutes = Integer.parseInt(args[0]);
    int starts = Integer.parseInt(args[1]);
    Path work = Files.createTempDirectory("package-start-bench");
    Map<String, Path> unpacked = new LinkedHashMap<>();
    List<Variant> variants = new ArrayList<>();
    String tlsOption = System.getProperty("bench.tls", "true").strip();
    Set<String> tlsLabels = Set.of(tlsOption.split("\\s*,\\s*"));
    for (int i = 2; i < args.length; i++) {
      String label = args[i].substring(0, args[i].indexOf('='));
      String rest = args[i].substring(label.length() + 1);
      int at = rest.indexOf('@');
      Path deb = Path.of(at < 0 ? rest : rest.substring(0, at)).toAbsolutePath();
      Path root = unpacked.get(deb.toString());
      if (root == null) {
        root = unpack(deb, work.resolve("tree-" + unpacked.size()), simulatorFor(deb));
        unpacked.put(deb.toString(), root);
      }
      Path cache = Files.createDirectories(work.resolve("cache-" + label));
      Map<String, String> env = new LinkedHashMap<>();
      Matcher m = ENVIRONMENT.matcher(Files.readString(root.resolve("lib/systemd/system/locolink.service")));
      while (m.find()) {
        env.put(m.group(1), m.group(2));
      }
      if (at >= 0) {
        String options = rest.substring(at + 1);
        if (!options.contains("@CACHE")) {
          env.remove("LOCOLINK_CLASS_CACHE");
        }
        env.put("LOCOLINK_JAVA_OPTS", options.replace("@CACHE", "").replace("@ARCHIVE", "-XX:SharedArchiveFile=x"));
      }
      env.put("LOCOLINK_JAVA_OPTS", ARCHIVE.matcher(env.getOrDefault("LOCOLINK_JAVA_OPTS", ""))
          .replaceAll("-XX:SharedArchiveFile=" + cache.resolve("gateway.jsa")));
      env.computeIfPresent("LOCOLINK_CLASS_CACHE", (k, v) -> cache.resolve("gateway").toString());
      boolean tls = tlsOption.equals("true") || tlsLabels.contains(label);
      variants.add(new Variant(label, root, env, "KZ-BENCH-" + i, tls));
    }
    if (!tlsOption.equals("true") && !tlsOption.equals("false")) {
      for (String label : tlsLabels) {
        if (variants.stream().noneMatch(v -> v.label().equals(label))) {
          throw new IllegalArgumentException("-Dbench.tls names no variant " + label);
        }
      }
    }

    // systemd's notify socket and watchdog, as the unit has them (Type=notify, WatchdogSec=): the gateway
    // notifies and pings as it does under systemd; a thread drains the socket, as systemd reads it
    Matcher watchdog = WATCHDOG.matcher(Files.readString(variants.get(0).root().resolve(
        "lib/systemd/system/locolink.service")));
    NotifyListener systemd = new NotifyListener(work.resolve("notify"), Duration.ofMillis(200));
    Thread drain = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        systemd.poll();
      }
    }, "notify-drain");
    drain.setDaemon(true);
    drain.start();
    for (Variant v : variants) {
      if (!Boolean.parseBoolean(System.getProperty("bench.notify", "true"))) {
        break;  // -Dbench.notify=false: as before the harness had the socket, without a service manager
      }
      v.environment().put("NOTIFY_SOCKET", work.resolve("notify").toString());
      if (watchdog.find()) {
        v.environment().put("WATCHDOG_USEC", Long.toString(Long.parseLong(watchdog.group(1)) * 1_000_000));
      }
      watchdog.reset();
    }

    boolean anyTls = variants.stream().anyMatch(Variant::tls);
    TestPki pki = anyTls ? pki(work) : null;
    Broker mqtt = new Broker(freePort(), anyTls ? freePort() : 0, anyTls ? pki.ca : null);
    Path brokerConf = work.resolve("mosquitto.conf");
    String tlsListener = !anyTls ? "" : "listener " + mqtt.tlsPort() + " 127.0.0.1\ncafile " + pki.ca + "\ncertfile "
        + pki.serverCert + "\nkeyfile " + pki.serverKey + "\n";
    Files.writeString(brokerConf, "listener " + mqtt.port() + " 127.0.0.1\nallow_anonymous true\npersistence false\n"
        + tlsListener);
    Process broker = new ProcessBuilder("/usr/sbin/mosquitto", "-c", brokerConf.toString())
        .redirectErrorStream(true).redirectOutput(work.resolve("mosquitto.log").toFile()).start();
    Map<String, Long> firstFrameNanos = new ConcurrentHashMap<>();
    Map<String, CountDownLatch> firstFrame = new ConcurrentHashMap<>();
    MqttClient ground = connect(mqtt.url(anyTls), anyTls ? mqtt.ca() : null);
    ground.subscribe("locolink/v1/+/telemetry", 1, (topic, message) -> {
      String loco = topic.split("/")[2];
      if (firstFrameNanos.putIfAbsent(loco, System.nanoTime()) == null) {
        CountDownLatch latch = firstFrame.get(loco);
        if (latch != null) {
          latch.countDown();
        }
      }
    });
    System.out.printf(Locale.ROOT, "load average before: %s%n", loadAverage());
    Map<String, List<Double>> firstS = new LinkedHashMap<>();
    Map<String, List<Double>> cpuS = new LinkedHashMap<>();
    Map<String, List<Map<String, Double>>> stageS = new LinkedHashMap<>();
    List<Process> running = new ArrayList<>();
    try {
      for (int run = 0; run <= starts; run++) {  // run 0 warms up (and writes the archive)
        for (Variant v : variants) {
          String loco = v.locomotive() + "-" + run;
          firstFrame.put(loco, new CountDownLatch(1));
          Path log = work.resolve(loco + ".log");
          long t0 = System.nanoTime();
          LocalTime wall0 = LocalTime.now();
          Process p = start(v, loco, work, mqtt, log);
          running.add(p);
          if (!firstFrame.get(loco).await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException(v.label() + ": no frame within 120 s; see " + log);
          }
          double first = (firstFrameNanos.get(loco) - t0) / 1e9;
          double cpu = cpuTicks(p.pid()) / (double) CLOCK_TICKS_PER_S;  // the launcher execs the JVM: one process
          waitForLine(log, STAGES.get("depot serving"), 30);
          p.destroy();  // SIGTERM: a clean stop, as systemctl stop
          if (!p.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(v.label() + " did not stop; see " + log);
          }
          running.remove(p);
          if (run > 0) {
            firstS.computeIfAbsent(v.label(), k -> new ArrayList<>()).add(first);
            cpuS.computeIfAbsent(v.label(), k -> new ArrayList<>()).add(cpu);
            stageS.computeIfAbsent(v.label(), k -> new ArrayList<>()).add(stages(log, wall0));
          }
        }
      }
      System.out.printf(Locale.ROOT, "first frame after the launcher's start, %d starts each, in turn (median, min-max);"
          + " stages from the gateway's log (median)%n", starts);
      for (Variant v : variants) {
        List<Double> sorted = firstS.get(v.label()).stream().sorted().toList();
        List<Double> cpu = cpuS.get(v.label()).stream().sorted().toList();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
            "%s | first frame %.2f s (%.2f-%.2f) | CPU until then %.2f s (%.2f-%.2f) |", v.label(), median(sorted),
            sorted.get(0), sorted.get(sorted.size() - 1), median(cpu), cpu.get(0), cpu.get(cpu.size() - 1)));
        for (String stage : STAGES.keySet()) {
          List<Double> at = stageS.get(v.label()).stream().map(s -> s.get(stage)).filter(x -> x != null).sorted()
              .toList();
          line.append(at.isEmpty() ? " " + stage + " - |"
              : String.format(Locale.ROOT, " %s %.2f s |", stage, median(at)));
        }
        System.out.println(line);
      }
      System.out.printf(Locale.ROOT, "load average after the starts: %s%n", loadAverage());
      if (minutes > 0) {
        soak(variants, work, mqtt, minutes, running);
      }
    } finally {
      running.forEach(Process::destroy);
      for (Process p : running) {
        p.waitFor(60, TimeUnit.SECONDS);
      }
      ground.disconnect();
      ground.close();
      broker.destroy();
      drain.interrupt();
    }
    for (Variant v : variants) {
      System.out.println(v.label() + " (" + mqtt.url(v.tls()) + "): " + v.environment());
    }
    System.out.println("logs and trees in " + work);
  }

  private static void soak(List<Variant> variants, Path work, Broker mqtt, int minutes, List<Process> running)
      throws Exception {
    long pullBytes = Long.getLong("bench.pullMiB", 0) << 20;
    if (pullBytes > 0) {  // every state first (tens of seconds each), so that the gateways start together
      for (Variant v : variants) {
        DepotPull.seed(Files.createDirectories(work.resolve(v.locomotive() + "-soak")), pullBytes,
            work.resolve("energy-template"));
      }
    }
    List<Process> gateways = new ArrayList<>();
    for (Variant v : variants) {
      String loco = v.locomotive() + "-soak";
      Variant run = v;
      if (pullBytes > 0) {
        Map<String, String> env = new LinkedHashMap<>(v.environment());
        env.put("LOCOLINK_JAVA_OPTS", env.getOrDefault("LOCOLINK_JAVA_OPTS", "") + " -Xlog:gc:file="
            + work.resolve(loco + "-gc.log"));
        run = new Variant(v.label(), v.root(), env, v.locomotive(), v.tls());
      }
      Process p = start(run, loco, work, mqtt, work.resolve(loco + ".log"));
      gateways.add(p);
      running.add(p);
    }
    Map<String, Integer> pullClients = pullClients(variants);
    Thread pulls = new Thread(() -> {
      for (Variant v : variants) {
        String loco = v.locomotive() + "-soak";
        List<Thread> clients = new ArrayList<>();
        for (int c = 1; c <= pullClients.getOrDefault(v.label(), 0); c++) {
          Path dir = work.resolve(loco + "-pulled-" + c);
          String client = pullClients.get(v.label()) > 1 ? " (client " + c + ")" : "";
          Thread t = new Thread(() -> {
            try {
              System.out.printf(Locale.ROOT, "%s%s: %s%n", v.label(), client, DepotPull.pull(
                  work.resolve(loco + ".log"), dir));
            } catch (Exception e) {
              System.out.printf(Locale.ROOT, "%s%s: depot pull failed: %s%n", v.label(), client, e);
            }
          }, "depot-pull-" + c);
          t.start();
          clients.add(t);
        }
        for (Thread t : clients) {
          try {
            t.join();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    }, "depot-pulls");
    long t0 = System.nanoTime();
    Map<Long, long[]> residentKb = new LinkedHashMap<>();
    long[] maxKb = new long[variants.size()];
    long[] cpuAt60 = new long[variants.size()];
    double[] cpuShare = new double[variants.size()];
    long[] threads = new long[variants.size()];
    for (long s = 5; s <= minutes * 60L; s += 5) {
      long sleepNanos = t0 + TimeUnit.SECONDS.toNanos(s) - System.nanoTime();
      if (sleepNanos > 0) {
        TimeUnit.NANOSECONDS.sleep(sleepNanos);
      }
      long[] row = new long[variants.size()];
      for (int i = 0; i < variants.size(); i++) {
        long pid = gateways.get(i).pid();
        if (!gateways.get(i).isAlive()) {
          throw new IllegalStateException(variants.get(i).label() + " exited; see " + work);
        }
        row[i] = statusField(pid, "VmRSS:");
        maxKb[i] = Math.max(maxKb[i], row[i]);
        if (s == 60) {
          cpuAt60[i] = cpuTicks(pid);
          if (pullBytes > 0 && i == variants.size() - 1) {
            pulls.start();
          }
        }
        if (s == minutes * 60L) {
          cpuShare[i] = s > 60 ? (cpuTicks(pid) - cpuAt60[i]) / (double) CLOCK_TICKS_PER_S / (s - 60) : 0;
          threads[i] = statusField(pid, "Threads:");
        }
      }
      residentKb.put(s, row);
    }
    if (pullBytes > 0) {
      pulls.join(TimeUnit.MINUTES.toMillis(5));
    }
    System.out.printf(Locale.ROOT, "resident memory, all %d at once for %d min; load average at the end: %s%n",
        variants.size(), minutes, loadAverage());
    for (int i = 0; i < variants.size(); i++) {
      StringBuilder line = new StringBuilder(variants.get(i).label() + " |");
      for (long at : REPORT_AT_S) {
        long[] row = residentKb.get(at);
        if (row != null) {
          line.append(String.format(Locale.ROOT, " %ds %.1f MB |", at, row[i] / 1024.0));
        }
      }
      line.append(String.format(Locale.ROOT, " max %.1f MB | %d threads | CPU after the first minute %.2f %% of a core",
          maxKb[i] / 1024.0, threads[i], cpuShare[i] * 100));
      if (pullBytes > 0) {
        line.append(" | ").append(DepotPull.heapPeaks(work.resolve(variants.get(i).locomotive() + "-soak-gc.log")));
      }
      System.out.println(line);
    }
  }

  /**
   * The depot clients that pull at once from each variant: {@code -Dbench.pull=LABEL[:CLIENTS],...} names the
   * variants pulled from (one client unless given), by default every variant with one client; none without
   * {@code -Dbench.pullMiB}.
   */
  private static Map<String, Integer> pullClients(List<Variant> variants) {
    Map<String, Integer> clients = new LinkedHashMap<>();
    if (Long.getLong("bench.pullMiB", 0) <= 0) {
      return clients;
    }
    String pull = System.getProperty("bench.pull", "");
    if (pull.isBlank()) {
      variants.forEach(v -> clients.put(v.label(), 1));
      return clients;
    }
    for (String item : pull.split(",")) {
      String[] parts = item.strip().split(":");
      if (variants.stream().noneMatch(v -> v.label().equals(parts[0]))) {
        throw new IllegalArgumentException("-Dbench.pull names no variant " + parts[0]);
      }
      clients.put(parts[0], parts.length > 1 ? Integer.parseInt(parts[1]) : 1);
    }
    return clients;
  }

  /**
   * The simulator's jar of the same build as {@code deb} ({@code simulator/target} beside the
   * {@code deploy/target} it is in), so that an anchor runs with its own simulator; else
   * {@code -Dbench.simulator}, by default this build's.
   */
  private static Path simulatorFor(Path deb) {
    Path own = deb.getParent().getParent().getParent().resolve("simulator/target/locolink-simulator.jar");
    if (Files.isRegularFile(own)) {
      return own;
    }
    return Path.of(System.getProperty("bench.simulator", "../simulator/target/locolink-simulator.jar")).toAbsolutePath();
  }

  /** Unpacks {@code deb} into {@code root} and points its launcher at the unpacked jars and defaults file. */
  private static Path unpack(Path deb, Path root, Path simulator) throws Exception {
    Files.createDirectories(root);
    Process p = new ProcessBuilder("dpkg-deb", "-x", deb.toString(), root.toString()).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IOException("dpkg-deb -x " + deb + " failed");
    }
    Path launcher = root.resolve("usr/bin/locolink");
    String script = Files.readString(launcher);
    String moved = script.replace("lib=/usr/share/locolink-gateway/lib", "lib=" + root.resolve(
        "usr/share/locolink-gateway/lib")).replace("/etc/default/locolink", root.resolve("etc/default/locolink")
        .toString());
    if (moved.equals(script)) {
      throw new IllegalStateException(launcher + " no longer has the paths this harness moves");
    }
    Files.writeString(launcher, moved);
    Files.createSymbolicLink(root.resolve("usr/share/locolink-gateway/lib").resolve(simulator.getFileName()),
        simulator);
    return root;
  }

  private static Process start(Variant v, String locomotive, Path work, Broker mqtt, Path log) throws IOException {
    Path state = Files.createDirectories(work.resolve(locomotive));
    Path key = work.resolve(locomotive + "-depot-psk");
    Files.writeString(key, "depot:0123456789abcdef0123456789abcdef\n");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    String yaml = Files.readString(v.root().resolve("etc/locolink/locolink.yaml"))
        .replace("platform: raspberrypi", "platform: simulator")
        .replaceAll("(?m)^stateDir: .*$", "stateDir: " + state)
        .replaceAll("(?m)^  id: KZ-TEM-0001 ", "  id: " + locomotive + " ")
        .replaceAll("(?m)^  (caFile|usernameFile|passwordFile): .*\\n", "")
        // over TLS the installation's url and caFile, pointed at the harness's broker and CA
        .replaceAll("(?m)^  url: .*$", Matcher.quoteReplacement("  url: " + mqtt.url(v.tls())
            + (v.tls() ? "\n  caFile: " + mqtt.ca() : "")))
        .replaceAll("(?m)^  port: 5684$", "  port: 0")
        .replaceAll("(?m)^  pskFile: .*$", "  pskFile: " + key)
        // each variant's journal.volatileDir of its own, in its state directory (the unit's is a tmpfs)
        .replaceAll("(?m)^  volatileDir: .*$", "  volatileDir: " + state.resolve("run"));
    Path config = work.resolve(locomotive + ".yaml");
    Files.writeString(config, yaml);
    ProcessBuilder pb = new ProcessBuilder(v.root().resolve("usr/bin/locolink").toString(), "gateway", "--config",
        config.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().putAll(v.environment());
    return pb.start();
  }

  /**
   * A CA and the broker's certificate and key in {@code work/pki}, readable by the user Mosquitto drops to
   * when started as root before it loads them (as {@code TlsBrokerTest} has them): {@code work} traversable.
   */
  static TestPki pki(Path work) throws Exception {
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwx--x--x"));
    Path dir = Files.createDirectories(work.resolve("pki"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    TestPki pki = new TestPki(dir);
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
      }
    }
    return pki;
  }

  /** Seconds from {@code wall0} to the first log line of each stage. */
  private static Map<String, Double> stages(Path log, LocalTime wall0) throws IOException {
    Map<String, Double> at = new LinkedHashMap<>();
    for (String line : Files.readAllLines(log)) {
      Matcher time = LOG_TIME.matcher(line);
      if (!time.find()) {
        continue;
      }
      for (Map.Entry<String, Pattern> stage : STAGES.entrySet()) {
        if (!at.containsKey(stage.getKey()) && stage.getValue().matcher(line).find()) {
          at.put(stage.getKey(), wall0.until(LocalTime.parse(time.group(1)), ChronoUnit.MICROS) / 1e6);
        }
      }
    }
    return at;
  }

  private static void waitForLine(Path log, Pattern line, int seconds) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      if (Files.readAllLines(log).stream().anyMatch(l -> line.matcher(l).find())) {
        return;
      }
      Thread.sleep(100);  // polling a file another process writes: no event to wait on
    }
  }

  private static double median(List<Double> sorted) {
    return sorted.get(sorted.size() / 2);
  }

  private static String loadAverage() throws IOException {
    return Files.readString(Path.of("/proc/loadavg")).strip();
  }

  private static long statusField(long pid, String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith(field)) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    throw new IOException("no " + field + " for " + pid);
  }

  /** utime + stime of the process, clock ticks (proc(5): fields 14 and 15 of /proc/PID/stat). */
  private static long cpuTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
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
