package io.locolink.simulator.app;

import io.locolink.gateway.config.ConfigException;
import io.locolink.gateway.config.LocoLinkConfig;
import io.locolink.ground.tools.FleetState;
import io.locolink.ground.tools.GroundSubscriber;
import io.locolink.ground.tools.TrustFiles;
import io.locolink.ground.tools.Views;
import io.locolink.simulator.faults.FaultPlan;
import io.locolink.simulator.pi4j.SimulatedPlatformProvider;
import io.locolink.simulator.scenario.Scenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.client.mqttv3.MqttException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code locolink demo}: a broker (embedded, or an external one), simulated locomotives behind
 * emulated chips, the real gateway reading each through Pi4J, the ground station with its dashboard
 * (embedded PostgreSQL), and a live view decoded from what the broker delivers, with a footer of
 * hints (the dashboard's address and one-time log-in among them) that stays under it.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Run the gateway on the simulator, an MQTT broker and the ground station, with a live view.",
        "Each simulated locomotive has its own gateway, publishing to an embedded MQTT broker (or the one --broker "
            + "names); the ground station stores what arrives and serves its dashboard, and the live view shows "
            + "battery state as the ground receives it. No set-up; Ctrl-C to stop."})
public final class DemoCommand implements Callable<Integer> {

  static final int MAX_LOCOMOTIVES = 100;
  /** Longest wait, after a signal, for the gateways to close cleanly, seconds. */
  private static final int STOP_WAIT_S = 30;
  /**
   * Then the longest wait for the station and the broker to close, seconds: longer than the station's
   * database waits for the station before stopping itself (20 s), so no server outlives the directory.
   */
  private static final int STOP_REST_WAIT_S = 25;

  @Spec
  private CommandSpec spec;

  @Option(names = "--scenario", defaultValue = "shunting-day", paramLabel = "NAME|FILE",
      description = "Built-in scenario (shunting-day, line-haul, depot-charge, winter-cold-start) or a scenario "
          + "file (default: ${DEFAULT-VALUE}).")
  private String scenarioName;

  @Option(names = "--speed", defaultValue = "1", paramLabel = "X",
      description = "Simulated seconds per wall second, 1-100 (default: ${DEFAULT-VALUE}).")
  private double speed;

  @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
      description = "Seed of the simulation (default: ${DEFAULT-VALUE}).")
  private long seed;

  @Option(names = "--faults", paramLabel = "FAULTS",
      description = "Faults to inject, e.g. bms-silence@60s+20s,gnss-loss@2m+1m.")
  private String faults;

  @Option(names = "--locomotives", defaultValue = "1", paramLabel = "N",
      description = "Simulated locomotives, 1-" + MAX_LOCOMOTIVES + ", each with its own gateway (default: ${DEFAULT-VALUE}).")
  private int locomotives;

  @Option(names = "--duration", defaultValue = "0", paramLabel = "SECONDS",
      description = "Stop after this many wall seconds (0: run until Ctrl-C).")
  private int durationS;

  @Option(names = "--broker-port", defaultValue = "0", paramLabel = "PORT",
      description = "Port of the embedded broker (default: a free one).")
  private int brokerPort;

  @Option(names = "--broker", paramLabel = "URL",
      description = "Publish to this external broker instead of the embedded one: ssl://host:8883 (or tcp:// on loopback).")
  private String brokerUrl;

  @Option(names = "--broker-ca-file", paramLabel = "FILE",
      description = "PEM CA certificate of an ssl:// broker (default: the JDK's trust store).")
  private Path brokerCaFile;

  @Option(names = "--broker-username-file", paramLabel = "FILE", description = "File holding the MQTT user name.")
  private Path brokerUsernameFile;

  @Option(names = "--broker-password-file", paramLabel = "FILE",
      description = "File holding the MQTT password (readable by its owner only).")
  private Path brokerPasswordFile;

  @Option(names = "--state-dir", paramLabel = "DIR",
      description = "Keep the journals here, created if missing (default: a temporary directory, removed at exit).")
  private Path stateDir;

  @Option(names = "--no-station", description = "Do not start the ground station and its dashboard.")
  private boolean noStation;

  @Option(names = "--plain", description = "Print each refresh below the last instead of redrawing in place.")
  private boolean plain;

  /** Counted down when a signal asks the demo to stop. */
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  /** Counted down once the gateways are closed (or were never started). */
  private final CountDownLatch gatewaysClosed = new CountDownLatch(1);

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    String problem = checkOptions();
    if (problem != null) {
      err.println("demo: " + problem);
      return 2;
    }
    Scenario scenario;
    FaultPlan plan;
    try {
      scenario = SimulatedPlatformProvider.scenario(scenarioName);
      plan = faults == null ? FaultPlan.fromScenario(scenario.faults()) : FaultPlan.parse(faults);
    } catch (RuntimeException e) {
      err.println("demo: " + e.getMessage());
      return 2;
    }
    boolean temporary = stateDir == null;
    Path dir;
    try {
      dir = temporary ? Files.createTempDirectory("locolink-demo") : Files.createDirectories(stateDir);
    } catch (IOException e) {
      err.println("demo: cannot create the state directory " + stateDir + ": " + e);
      return 2;
    }
    // Ctrl-C (SIGINT) or SIGTERM: the live view ends and everything is closed in order (the gateways
    // cleanly, keeping their energy period) and a temporary state directory removed, before the JVM halts.
    // The station's embedded database waits for the station's close (at most 20 s) before it stops; should
    // the rest of the close outlast that, the hook removes the directory itself.
    CountDownLatch finished = new CountDownLatch(1);
    Thread onSignal = new Thread(() -> {
      stopRequested.countDown();
      try {
        if (gatewaysClosed.await(STOP_WAIT_S, TimeUnit.SECONDS)
            && !finished.await(STOP_REST_WAIT_S, TimeUnit.SECONDS) && temporary) {
          deleteTree(dir);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException | java.io.UncheckedIOException e) {
        err.println("demo: cannot remove the temporary state directory " + dir + ": " + e);
        err.flush();
      }
    }, "demo-stop");
    Runtime.getRuntime().addShutdownHook(onSignal);
    try {
      return brokerUrl == null ? runWithEmbeddedBroker(scenario, plan, dir) : run(scenario, plan, dir, external());
    } catch (ConfigException e) {
      err.println("demo: " + e.getMessage());
      return 2;
    } finally {
      try {
        if (temporary) {
          deleteTree(dir);
        }
      } finally {
        gatewaysClosed.countDown();
        finished.countDown();
        removeHook(onSignal);
      }
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook is running and has just been released
    }
  }

  private String checkOptions() {
    if (!(speed >= 1 && speed <= 100)) {
      return "--speed must be between 1 and 100, got " + speed;
    }
    if (locomotives < 1 || locomotives > MAX_LOCOMOTIVES) {
      return "--locomotives must be between 1 and " + MAX_LOCOMOTIVES + ", got " + locomotives;
    }
    if (brokerUrl == null && (brokerCaFile != null || brokerUsernameFile != null || brokerPasswordFile != null)) {
      return "--broker-ca-file, --broker-username-file and --broker-password-file need --broker URL";
    }
    if (brokerUrl != null && brokerPort != 0) {
      return "--broker-port is the embedded broker's; it cannot go with --broker URL";
    }
    if (stateDir != null && Files.exists(stateDir) && !Files.isDirectory(stateDir)) {
      return "--state-dir " + stateDir + " exists and is not a directory";
    }
    return null;
  }

  private DemoConfig.Broker external() {
    return new DemoConfig.Broker(brokerUrl, brokerCaFile, brokerUsernameFile, brokerPasswordFile);
  }

  private int runWithEmbeddedBroker(Scenario scenario, FaultPlan plan, Path dir) throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start(brokerPort, dir.resolve("broker"))) {
      return run(scenario, plan, dir, DemoConfig.Broker.plain(broker.url()));
    }
  }

  private int run(Scenario scenario, FaultPlan plan, Path dir, DemoConfig.Broker broker) throws Exception {
    if (noStation) {
      return run(scenario, plan, dir, broker, null);
    }
    DemoStation station;
    try {
      station = DemoStation.start(dir, broker);
    } catch (IOException | java.sql.SQLException | RuntimeException e) {
      spec.commandLine().getErr().println("demo: the ground station did not start: " + e.getMessage());
      return 2;
    }
    try (station) {
      return run(scenario, plan, dir, broker, station);
    }
  }

  private int run(Scenario scenario, FaultPlan plan, Path dir, DemoConfig.Broker broker, DemoStation station)
      throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    int depotPort = freeUdpPort();
    Path keyFile = DepotKeys.write(dir.resolve("depot-psk"));
    List<String> ids = new ArrayList<>();
    List<DemoLocomotive> running = new ArrayList<>();
    FleetState ground = new FleetState();
    try {
      for (int i = 1; i <= locomotives; i++) {
        String id = String.format(Locale.ROOT, "KZ-DEMO-%03d", i);
        Path locoDir = Files.createDirectories(dir.resolve(id));
        LocoLinkConfig cfg = i == 1
            ? DemoConfig.withDepot(id, scenario.vehicleSpec(), locoDir, broker, speed, keyFile, depotPort)
            : DemoConfig.forVehicle(id, scenario.vehicleSpec(), locoDir, broker, speed);
        // The simulated clock starts now (or where a previous run in this state directory left it), not
        // when the command did: the broker and the station take seconds to start, and frames stamped that
        // far in the past would show the locomotive stale.
        running.add(DemoLocomotive.start(cfg, scenario, plan, speed, seed + i - 1));
        ids.add(id);
      }
      try (GroundSubscriber subscriber = subscribe(broker, ground)) {
        DemoFooter footer = DemoFooter.forBroker(broker);
        if (station != null) {
          footer = footer.with("dashboard", station.dashboardUrl())
              .with("dashboard log-in", "user " + DemoStation.ADMIN + ", password in " + station.passwordFile());
        }
        footer = footer.with("depot download", "./locolink depot pull --gateway coaps://127.0.0.1:" + depotPort
                + " --identity " + DepotKeys.IDENTITY + " --key-file " + DepotKeys.clientFile(keyFile) + " --out trips");
        String ranges = " the dashboard's ranges end at your clock; set its to past the locomotive's last frame";
        if (speed > 1) {
          // everything is stamped with simulated time, which runs ahead of the wall clock (README)
          footer = footer.with("simulated time", "runs " + speed + "x, so messages are stamped ahead of this clock:"
              + ranges);
        } else {
          long aheadS = Duration.between(Instant.now(), running.getFirst().simulatedStart()).toSeconds();
          if (aheadS > 10) {  // the clock a faster run left in this state directory
            footer = footer.with("simulated time", String.format(Locale.ROOT, "continues the last run's clock, %d h %02d"
                + " min ahead of this one, so messages are stamped ahead:", aheadS / 3600, aheadS / 60 % 60) + ranges);
          }
        }
        out.println("LocoLink demo: " + locomotives + " locomotive(s), scenario " + scenario.name() + " at " + speed
            + "x, broker " + broker.url());
        out.print(footer.render());
        out.flush();
        liveView(out, ground, ids, running, footer, footer.with("scenario", ended(scenario)));
      } catch (MqttException e) {
        spec.commandLine().getErr().println("demo: the live view cannot subscribe at " + broker.url() + ": " + e);
        return 2;
      }
    } finally {
      for (DemoLocomotive loco : running.reversed()) {
        loco.close();
      }
      gatewaysClosed.countDown();
    }
    return 0;
  }

  private GroundSubscriber subscribe(DemoConfig.Broker broker, FleetState ground)
      throws IOException, GeneralSecurityException, MqttException {
    SSLSocketFactory tls = broker.caFile() == null ? null : TrustFiles.socketFactory(broker.caFile());
    String user = broker.usernameFile() == null ? null : firstLine(broker.usernameFile());
    char[] password = broker.passwordFile() == null ? null : firstLine(broker.passwordFile()).toCharArray();
    return GroundSubscriber.connect(broker.url(), tls, user, password, ground::accept);
  }

  /**
   * The live view until the duration is up or a signal asks to stop, with {@code footer} under every
   * refresh and, once every scenario has run to its end, {@code afterEnd} instead.
   */
  private void liveView(PrintWriter out, FleetState ground, List<String> ids, List<DemoLocomotive> running,
      DemoFooter footer, DemoFooter afterEnd) throws InterruptedException {
    if (stopRequested.await(1500, TimeUnit.MILLISECONDS)) {
      return;
    }
    long end = durationS == 0 ? Long.MAX_VALUE : System.nanoTime() + durationS * 1_000_000_000L;
    boolean inPlace = !plain && System.console() != null;
    while (System.nanoTime() < end) {
      long now = System.currentTimeMillis();
      var locos = ground.snapshot();
      String view = ids.size() == 1 ? Views.panel(ids.getFirst(), locos.get(ids.getFirst()), now)
          : Views.table(locos, now);
      boolean ended = running.stream().allMatch(DemoLocomotive::scenarioEnded);
      String text = view + (view.endsWith("\n") ? "" : "\n") + (ended ? afterEnd : footer).render();
      out.print(inPlace ? Views.CLEAR + text : text + "\n");
      out.flush();
      if (stopRequested.await(1000, TimeUnit.MILLISECONDS)) {
        return;
      }
    }
  }

  /** The footer's line once the scenario has run to its end: the simulated world stands still from there. */
  private static String ended(Scenario scenario) {
    long minutes = Math.round(scenario.durationS() / 60);
    return String.format(Locale.ROOT, "%s ended after %d h %02d min simulated: the simulation stops there and the"
        + " chips repeat its last readings (Ctrl-C to stop)", scenario.name(), minutes / 60, minutes % 60);
  }

  private static String firstLine(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
  }

  private static int freeUdpPort() throws IOException {
    try (java.net.DatagramSocket socket = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
