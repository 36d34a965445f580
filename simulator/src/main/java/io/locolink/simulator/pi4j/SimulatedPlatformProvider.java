package io.locolink.simulator.pi4j;

import com.pi4j.context.Context;
import io.locolink.gateway.config.DevicesConfig;
import io.locolink.gateway.devices.BusNackException;
import io.locolink.gateway.devices.Platform;
import io.locolink.gateway.devices.PlatformProvider;
import io.locolink.gateway.devices.SerialLink;
import io.locolink.simulator.faults.FaultInjector;
import io.locolink.simulator.faults.FaultPlan;
import io.locolink.simulator.scenario.Scenario;
import io.locolink.simulator.scenario.ScenarioRunner;
import io.locolink.simulator.scenario.Scenarios;
import java.time.Duration;
import java.time.Instant;

/**
 * Selects the simulator with {@code platform: simulator} through the ServiceLoader, for
 * {@code locolink gateway --config} on a laptop: a built-in scenario runs in real time from now
 * behind the configured wiring, with the scenario's own faults. The scenario is named by the system
 * property {@code locolink.simulator.scenario} or the environment variable
 * {@code LOCOLINK_SIMULATOR_SCENARIO} (default {@code shunting-day}); {@code parked} serves a
 * locomotive standing still ({@link ParkedLocomotive}). The demo builds its platform directly.
 */
public final class SimulatedPlatformProvider implements PlatformProvider {

  static final String PROPERTY = "locolink.simulator.scenario";
  static final String VARIABLE = "LOCOLINK_SIMULATOR_SCENARIO";

  @Override
  public String name() {
    return SimulatedPlatform.NAME;
  }

  @Override
  public Platform open(DevicesConfig devices, long seed) {
    String name = System.getProperty(PROPERTY, System.getenv().getOrDefault(VARIABLE, "shunting-day"));
    if (name.equals("parked")) {
      return new SimulatedPlatform(devices, ParkedLocomotive.state(devices), FaultInjector.none(), seed);
    }
    Scenario scenario = Scenarios.builtIn(name).startingAt(Instant.now());
    ScenarioRunner runner = ScenarioRunner.create(scenario, seed);
    FaultInjector faults = FaultInjector.of(FaultPlan.fromScenario(scenario.faults()), seed);
    runner.addListener(faults.modelFaults());
    runner.startRealTime(1.0);
    return new RunningScenario(new SimulatedPlatform(devices, runner::latest, faults, seed), runner);
  }

  /** The simulated platform together with the scenario that feeds it; closing stops both. */
  private record RunningScenario(SimulatedPlatform platform, ScenarioRunner runner) implements Platform {

    @Override
    public String name() {
      return platform.name();
    }

    @Override
    public Context pi4j() {
      return platform.pi4j();
    }

    @Override
    public SerialLink openSerial(String device, int baud) throws BusNackException {
      return platform.openSerial(device, baud);
    }

    @Override
    public void pause(Duration duration) {
      platform.pause(duration);
    }

    @Override
    public void close() {
      try {
        platform.close();
      } finally {
        runner.close();
      }
    }
  }
}
