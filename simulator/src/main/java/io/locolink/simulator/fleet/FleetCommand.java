package io.locolink.simulator.fleet;

import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code simulator fleet --locomotives N --broker URL}: N simulated locomotives publishing
 * telemetry to one broker, with a ground-side counter of frames, gaps and latency. Exit code 0
 * when every frame arrived without gaps, 1 otherwise.
 */
@Command(name = "fleet", mixinStandardHelpOptions = true,
    description = "Run many simulated locomotives against one MQTT broker and count what arrives.")
public final class FleetCommand implements Callable<Integer> {

  @Option(names = "--locomotives", required = true, description = "Number of simulated locomotives.")
  int locomotives;

  @Option(names = "--broker", defaultValue = "tcp://127.0.0.1:1883", description = "Broker URL (default: ${DEFAULT-VALUE}).")
  String broker;

  @Option(names = "--duration", defaultValue = "60", description = "Seconds of publishing (default: ${DEFAULT-VALUE}).")
  long durationS;

  @Option(names = "--plain-publishers", defaultValue = "0",
      description = "Plain Paho publishers of the same payload size alongside, as a baseline (default: ${DEFAULT-VALUE}).")
  int plainPublishers;

  @Option(names = "--scenario", defaultValue = "shunting-day", description = "Built-in scenario (default: ${DEFAULT-VALUE}).")
  String scenario;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of locomotive 0; locomotive i uses seed + i.")
  long seed;

  @Option(names = "--ground-subscribers", defaultValue = "4",
      description = "Ground counter clients sharing the subscription (default: ${DEFAULT-VALUE}).")
  int groundSubscribers;

  @Override
  public Integer call() throws InterruptedException {
    FleetOptions options = new FleetOptions(broker, locomotives, plainPublishers, Duration.ofSeconds(durationS), scenario, seed,
        groundSubscribers);
    FleetReport report = new Fleet(options, InstantSource.system()).run();
    System.out.println(report.summary());
    return report.telemetryComplete() && (plainPublishers == 0 || report.plainComplete()) ? 0 : 1;
  }
}
