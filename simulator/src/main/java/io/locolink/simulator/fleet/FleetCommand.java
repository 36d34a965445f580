package io.locolink.simulator.fleet;

import io.locolink.gateway.uplink.ConnectFailure;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code simulator fleet --locomotives N --broker URL}: N simulated locomotives, each running the
 * gateway pipeline and publishing to one broker, with a ground-side counter of messages, gaps and
 * latency. Exit code 0 when every message arrived without gaps, 1 otherwise, 2 for bad options.
 */
@Command(name = "fleet", mixinStandardHelpOptions = true,
    description = {"Run many simulated locomotives against one MQTT broker and count what arrives.",
        "Each locomotive runs the gateway's path at 1 Hz: acquisition, battery estimator, frame, energy-record "
            + "and alarm encoders, its own durable journal, and the gateway's uplink and send policy. Each sends "
            + "one telemetry frame a second, energy records at period ends and a retained status, at QoS 1 on "
            + "locolink/v1/{loco}/{stream}.",
        "Exit code 0 only if every message arrived with no gaps."})
public final class FleetCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = "--locomotives", required = true, paramLabel = "N",
      description = "Number of simulated locomotives (0 with --plain-publishers: the baseline alone).")
  int locomotives;

  @Option(names = "--broker", defaultValue = "tcp://127.0.0.1:1883", paramLabel = "URL",
      description = "Broker: tcp://HOST:PORT or ssl://HOST:PORT (default: ${DEFAULT-VALUE}).")
  String broker;

  @Option(names = "--duration", defaultValue = "60", paramLabel = "SECONDS",
      description = "Seconds of publishing (default: ${DEFAULT-VALUE}).")
  long durationS;

  @Option(names = "--warm-up", defaultValue = "0", paramLabel = "SECONDS",
      description = "Seconds of publishing before --duration whose messages are counted but not timed "
          + "(default: ${DEFAULT-VALUE}).")
  long warmUpS;

  @Option(names = "--plain-publishers", defaultValue = "0", paramLabel = "N",
      description = "Plain Paho publishers of the same payload size alongside, as a baseline "
          + "(default: ${DEFAULT-VALUE}).")
  int plainPublishers;

  @Option(names = "--scenario", defaultValue = "shunting-day", paramLabel = "NAME",
      description = "Built-in scenario (default: ${DEFAULT-VALUE}).")
  String scenario;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
      description = "Seed of locomotive 0; locomotive i uses seed + i (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--ground-subscribers", defaultValue = "4", paramLabel = "N",
      description = "Ground counter clients sharing the subscription (default: ${DEFAULT-VALUE}).")
  int groundSubscribers;

  @Option(names = "--acquisition", defaultValue = "direct", paramLabel = "chips|direct",
      description = "How each gateway reads its locomotive: 'chips' through the gateway's drivers on emulated "
          + "chips (faithful; about twice the CPU and three times the memory per locomotive), or 'direct' "
          + "from the simulated state, every reading exact (default: ${DEFAULT-VALUE}).")
  String acquisition;

  @Option(names = "--state-dir", paramLabel = "DIR",
      description = "Where the locomotives' journals live, one DIR/loco-RUN-NNNNN each (default: a "
          + "temporary directory, removed after).")
  java.nio.file.Path stateDir;

  @Option(names = "--run-id", paramLabel = "RUN",
      description = "Tag of this run in its locomotive ids (loco-RUN-NNNNN) and MQTT client ids, so runs on "
          + "one broker keep apart: 1-16 letters or digits (default: the one kept in --state-dir, else a "
          + "fresh one).")
  String runId;

  @Override
  public Integer call() throws InterruptedException {
    FleetOptions options;
    try {
      options = new FleetOptions(broker, locomotives, plainPublishers, Duration.ofSeconds(durationS), scenario, seed,
          groundSubscribers, Acquisition.parse(acquisition), stateDir, Duration.ofSeconds(warmUpS), runId);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("fleet: " + e.getMessage());
      return 2;
    }
    FleetReport report;
    try {
      report = new Fleet(options, InstantSource.system()).run();
    } catch (FleetException e) {
      spec.commandLine().getErr().println("fleet: " + ConnectFailure.describe(e));
      return 1;
    }
    spec.commandLine().getOut().println(report.summary());
    spec.commandLine().getOut().flush();
    return report.locomotivesComplete() && (plainPublishers == 0 || report.plainComplete()) ? 0 : 1;
  }
}
