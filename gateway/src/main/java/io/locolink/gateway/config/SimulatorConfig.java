package io.locolink.gateway.config;

/**
 * What the simulator platform plays (YAML key {@code simulator}); read only with
 * {@code platform: simulator}. The gateway never interprets it: the simulator's platform provider does.
 *
 * <pre>
 * simulator:
 *   scenario: shunting-day          # a built-in scenario name, a scenario file (YAML), or "parked"
 *   speed: 1                        # simulated seconds per wall second, 1-100
 *   faults: bms-silence@60s+20s     # optional; default: the scenario's own faults
 * </pre>
 *
 * @param scenario built-in scenario name, path of a scenario file, or {@code parked}
 * @param speed simulated seconds per wall second
 * @param faults fault plan in the simulator's notation, or null for the scenario's own
 */
public record SimulatorConfig(String scenario, Double speed, String faults) {

  public SimulatorConfig {
    scenario = scenario == null || scenario.isBlank() ? "shunting-day" : scenario.strip();
    speed = ConfigException.requireRange("speed", speed == null ? 1.0 : speed, 1, 100);
    faults = faults == null || faults.isBlank() ? null : faults.strip();
  }

  /** The shunting day in real time with its own faults. */
  public static SimulatorConfig defaults() {
    return new SimulatorConfig(null, null, null);
  }
}
