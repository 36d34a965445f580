package io.locolink.simulator.fleet;

import java.time.Duration;
import java.util.Objects;

/**
 * A fleet run.
 *
 * @param brokerUrl MQTT broker, e.g. {@code tcp://127.0.0.1:1883}
 * @param locomotives simulated locomotives, each with its own publisher (≥ 1)
 * @param plainPublishers plain Paho publishers of the same payload size alongside (≥ 0)
 * @param duration how long the locomotives publish
 * @param scenario built-in scenario every locomotive runs (with its own seed)
 * @param seed seed of locomotive 0; locomotive i uses seed + i
 * @param groundSubscribers clients in the ground counter's shared-subscription group (≥ 1)
 */
public record FleetOptions(String brokerUrl, int locomotives, int plainPublishers, Duration duration,
    String scenario, long seed, int groundSubscribers) {

  public FleetOptions {
    Objects.requireNonNull(brokerUrl, "brokerUrl");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(scenario, "scenario");
    if (locomotives < 1) {
      throw new IllegalArgumentException("--locomotives must be >= 1");
    }
    if (plainPublishers < 0) {
      throw new IllegalArgumentException("--plain-publishers must be >= 0");
    }
    if (groundSubscribers < 1) {
      throw new IllegalArgumentException("--ground-subscribers must be >= 1");
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("--duration must be > 0");
    }
  }
}
