package io.locolink.simulator.pi4j;

import io.locolink.gateway.config.ConfigException;
import io.locolink.gateway.config.DevicesConfig;
import io.locolink.gateway.config.SimulatorConfig;
import io.locolink.gateway.devices.Platform;
import io.locolink.gateway.devices.PlatformProvider;
import io.locolink.simulator.faults.FaultInjector;
import io.locolink.simulator.faults.FaultPlan;
import io.locolink.simulator.scenario.Scenario;
import io.locolink.simulator.scenario.Scenarios;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Selects the simulator with {@code platform: simulator} through the ServiceLoader, for
 * {@code locolink gateway --config} on a laptop: the configuration's {@code simulator} section names
 * the scenario (built-in name or file; default {@code shunting-day}), its speed and its faults
 * (default: the scenario's own); it runs behind the configured wiring, in lockstep with the
 * gateway's samples ({@link ScenarioPlatform}) at every speed. It starts now on a first run; given
 * the gateway's state directory, a restart continues the simulated clock where the last run left it
 * ({@link SimulatedClockFile}), the scenario itself starting again from its beginning at that
 * instant. {@code parked} serves a locomotive
 * standing still ({@link ParkedLocomotive}), its time following the wall clock.
 */
public final class SimulatedPlatformProvider implements PlatformProvider {

  @Override
  public String name() {
    return SimulatedPlatform.NAME;
  }

  @Override
  public Platform open(DevicesConfig devices, SimulatorConfig simulator, long samplePeriodNanos, long seed,
      Optional<Path> stateDir) {
    if (simulator.scenario().equals("parked")) {
      return new SimulatedPlatform(devices, ParkedLocomotive.state(devices), FaultInjector.none(), seed);
    }
    Scenario scenario;
    FaultPlan plan;
    try {
      scenario = scenario(simulator.scenario());
      plan = simulator.faults() == null ? FaultPlan.fromScenario(scenario.faults()) : FaultPlan.parse(simulator.faults());
    } catch (RuntimeException e) {
      throw new ConfigException("simulator", e.getMessage());
    }
    return stateDir.isPresent()
        ? ScenarioPlatform.openKeepingClock(devices, scenario, plan, samplePeriodNanos, simulator.speed(), seed,
            stateDir.get())
        : ScenarioPlatform.open(devices, scenario.startingAt(InstantSource.system().instant()), plan, samplePeriodNanos,
            simulator.speed(), seed);
  }

  /**
   * A built-in scenario by name, or else a scenario file.
   *
   * @throws io.locolink.simulator.scenario.ScenarioFormatException if it is neither, or does not parse
   */
  public static Scenario scenario(String nameOrFile) {
    if (Scenarios.BUILT_IN.contains(nameOrFile) || !Files.isRegularFile(Path.of(nameOrFile))) {
      return Scenarios.builtIn(nameOrFile);
    }
    return Scenarios.load(Path.of(nameOrFile));
  }
}
