package io.locolink.simulator.fleet;

import io.locolink.gateway.config.ConfigException;
import io.locolink.gateway.config.MqttConfig;
import io.locolink.simulator.scenario.Scenarios;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A fleet run.
 *
 * @param brokerUrl MQTT broker, e.g. {@code tcp://127.0.0.1:1883}: what the gateway's {@code mqtt.url}
 *     accepts ({@link MqttConfig#checkUrl}), plain {@code tcp://} to any host
 * @param locomotives simulated locomotives, each with its own gateway pipeline and client (≥ 0)
 * @param plainPublishers plain Paho publishers of the same payload size alongside (≥ 0); with no
 *     locomotives, the baseline alone (at least one sender of either kind)
 * @param duration how long the locomotives publish
 * @param scenario built-in scenario every locomotive runs (with its own seed)
 * @param seed seed of locomotive 0; locomotive i uses seed + i
 * @param groundSubscribers clients in the ground counter's shared-subscription group (≥ 1)
 * @param acquisition how each locomotive's gateway reads its state
 * @param stateDir where each locomotive's journal lives ({@code DIR/loco-RUN-NNNNN}); null for a
 *     temporary directory removed after the run
 * @param warmUp how long every sender publishes before {@code duration} starts: its messages are
 *     counted (gaps, completeness) but not timed, nor is the process's CPU (the JIT compiles the
 *     hot paths meanwhile); zero for none
 * @param runId the run's tag in its locomotive ids and MQTT client ids (1-16 letters or digits, see
 *     {@link RunIds}); null for the one kept in {@code stateDir}, or a fresh one without it
 */
public record FleetOptions(String brokerUrl, int locomotives, int plainPublishers, Duration duration,
    String scenario, long seed, int groundSubscribers, Acquisition acquisition, Path stateDir, Duration warmUp,
    String runId) {

  /** A run with the run id of {@link RunIds#resolve} (kept in {@code stateDir}, or fresh). */
  public FleetOptions(String brokerUrl, int locomotives, int plainPublishers, Duration duration, String scenario,
      long seed, int groundSubscribers, Acquisition acquisition, Path stateDir, Duration warmUp) {
    this(brokerUrl, locomotives, plainPublishers, duration, scenario, seed, groundSubscribers, acquisition, stateDir,
        warmUp, null);
  }

  /** A run without warm-up. */
  public FleetOptions(String brokerUrl, int locomotives, int plainPublishers, Duration duration, String scenario,
      long seed, int groundSubscribers, Acquisition acquisition, Path stateDir) {
    this(brokerUrl, locomotives, plainPublishers, duration, scenario, seed, groundSubscribers, acquisition, stateDir,
        Duration.ZERO);
  }

  /** A run with its journals in a temporary directory. */
  public FleetOptions(String brokerUrl, int locomotives, int plainPublishers, Duration duration, String scenario,
      long seed, int groundSubscribers, Acquisition acquisition) {
    this(brokerUrl, locomotives, plainPublishers, duration, scenario, seed, groundSubscribers, acquisition, null);
  }

  public FleetOptions {
    Objects.requireNonNull(brokerUrl, "brokerUrl");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(warmUp, "warmUp");
    if (warmUp.isNegative()) {
      throw new IllegalArgumentException("--warm-up must be >= 0");
    }
    try {
      // the check of the gateway's mqtt.url, as each locomotive's uplink is configured (plain tcp:// to any host)
      MqttConfig.checkUrl(brokerUrl, true);
    } catch (ConfigException e) {
      throw new IllegalArgumentException("--broker: " + e.problem());
    }
    Objects.requireNonNull(scenario, "scenario");
    if (!Scenarios.BUILT_IN.contains(scenario)) {
      throw new IllegalArgumentException(Scenarios.unknown(scenario));
    }
    Objects.requireNonNull(acquisition, "acquisition");
    if (locomotives < 0) {
      throw new IllegalArgumentException("--locomotives must be >= 0");
    }
    if (plainPublishers < 0) {
      throw new IllegalArgumentException("--plain-publishers must be >= 0");
    }
    if (locomotives + plainPublishers < 1) {
      throw new IllegalArgumentException("a fleet needs at least one locomotive or plain publisher");
    }
    if (groundSubscribers < 1) {
      throw new IllegalArgumentException("--ground-subscribers must be >= 1");
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("--duration must be > 0");
    }
    if (runId != null) {
      RunIds.require(runId);
    }
  }
}
