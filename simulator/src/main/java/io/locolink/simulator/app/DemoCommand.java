package io.locolink.simulator.app;

import io.locolink.gateway.app.Gateway;
import io.locolink.gateway.config.LocoLinkConfig;
import io.locolink.ground.tools.FleetState;
import io.locolink.ground.tools.GroundSubscriber;
import io.locolink.ground.tools.Views;
import io.locolink.simulator.faults.FaultInjector;
import io.locolink.simulator.faults.FaultPlan;
import io.locolink.simulator.pi4j.SimulatedPlatform;
import io.locolink.simulator.scenario.Scenario;
import io.locolink.simulator.scenario.ScenarioRunner;
import io.locolink.simulator.scenario.Scenarios;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code locolink demo}: an embedded broker, a simulated locomotive behind emulated chips, the
 * real gateway reading them through Pi4J, and a live view decoded from what the broker delivers.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Run the gateway on the simulator, publishing to an embedded MQTT broker, with a live view",
        "of battery state as the ground receives it. No set-up; Ctrl-C to stop."})
public final class DemoCommand implements Callable<Integer> {

  private static final String LOCO = "KZ-DEMO-001";

  @Spec
  private CommandSpec spec;

  @Option(names = "--scenario", defaultValue = "shunting-day",
      description = "Built-in scenario: shunting-day, line-haul, depot-charge, winter-cold-start (default: ${DEFAULT-VALUE}).")
  private String scenarioName;

  @Option(names = "--speed", defaultValue = "1", description = "Simulated seconds per wall second, 1-100 (default: ${DEFAULT-VALUE}).")
  private double speed;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the simulation (default: ${DEFAULT-VALUE}).")
  private long seed;

  @Option(names = "--faults", description = "Faults to inject, e.g. bms-silence@60s+20s,gnss-loss@2m+1m.")
  private String faults;

  @Option(names = "--duration", defaultValue = "0", description = "Stop after this many wall seconds (0: run until Ctrl-C).")
  private int durationS;

  @Option(names = "--broker-port", defaultValue = "0", description = "Port of the embedded broker (default: a free one).")
  private int brokerPort;

  @Option(names = "--state-dir", description = "Keep the journal here (default: a temporary directory, removed at exit).")
  private Path stateDir;

  @Option(names = "--plain", description = "Print each refresh below the last instead of redrawing in place.")
  private boolean plain;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (!(speed >= 1 && speed <= 100)) {
      spec.commandLine().getErr().println("demo: --speed must be between 1 and 100, got " + speed);
      return 2;
    }
    Scenario scenario;
    FaultPlan plan;
    try {
      scenario = Scenarios.builtIn(scenarioName).startingAt(Instant.now());
      plan = faults == null ? FaultPlan.fromScenario(scenario.faults()) : FaultPlan.parse(faults);
    } catch (RuntimeException e) {
      spec.commandLine().getErr().println("demo: " + e.getMessage());
      return 2;
    }
    boolean temporary = stateDir == null;
    Path dir = temporary ? Files.createTempDirectory("locolink-demo") : stateDir;
    FleetState ground = new FleetState();
    try (EmbeddedBroker broker = EmbeddedBroker.start(brokerPort);
        ScenarioRunner runner = ScenarioRunner.create(scenario, seed)) {
      int depotPort = freeUdpPort();
      Path keyFile = DepotKeys.write(dir.resolve("depot-psk"));
      LocoLinkConfig cfg = DemoConfig.withDepot(LOCO, scenario.vehicleSpec(), dir, broker.url(), keyFile, depotPort);
      FaultInjector injector = FaultInjector.of(plan, seed);
      runner.addListener(injector.modelFaults());
      runner.startRealTime(speed);
      try (SimulatedPlatform platform = new SimulatedPlatform(cfg.devices(), runner::latest, injector, seed);
          Gateway gateway = startGateway(cfg, platform);
          GroundSubscriber subscriber = GroundSubscriber.connect(broker.url(), null, ground::accept)) {
        out.println("LocoLink demo: scenario " + scenario.name() + " at " + speed + "x, broker " + broker.url());
        out.println("  from another terminal:  ./locolink watch --broker " + broker.url());
        out.println("  depot download:         ./locolink depot pull --gateway coaps://127.0.0.1:" + depotPort
            + " --identity " + DepotKeys.IDENTITY + " --key-file " + DepotKeys.clientFile(keyFile) + " --out trips");
        out.flush();
        Thread.sleep(1500);
        long end = durationS == 0 ? Long.MAX_VALUE : System.nanoTime() + durationS * 1_000_000_000L;
        boolean inPlace = !plain && System.console() != null;
        while (System.nanoTime() < end) {
          long now = System.currentTimeMillis();
          String panel = Views.panel(LOCO, ground.snapshot().get(LOCO), now);
          out.print(inPlace ? Views.CLEAR + panel : panel + "\n");
          out.flush();
          Thread.sleep(1000);
        }
      }
    } finally {
      if (temporary) {
        deleteTree(dir);
      }
    }
    return 0;
  }

  private Gateway startGateway(LocoLinkConfig cfg, SimulatedPlatform platform) throws Exception {
    long tick = Math.round(cfg.framing().samplePeriodNanos() / speed);
    if (speed == 1) {
      return Gateway.start(cfg, platform, InstantSource.system(), System::nanoTime, seed, tick, live -> {});
    }
    return Gateway.start(cfg, platform, platform.simulatedUtc(), platform.simulatedNanos(), seed, tick, live -> {});
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
