package io.locolink.simulator.pi4j;

import com.pi4j.context.Context;
import io.locolink.gateway.config.ConfigException;
import io.locolink.gateway.config.DevicesConfig;
import io.locolink.gateway.config.SimulatorConfig;
import io.locolink.gateway.devices.BusNackException;
import io.locolink.gateway.devices.Platform;
import io.locolink.gateway.devices.PlatformProvider;
import io.locolink.gateway.devices.SerialLink;
import io.locolink.simulator.faults.FaultInjector;
import io.locolink.simulator.faults.FaultPlan;
import io.locolink.simulator.scenario.Scenario;
import io.locolink.simulator.scenario.ScenarioRunner;
import io.locolink.simulator.scenario.Scenarios;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.function.LongSupplier;

/**
 * Selects the simulator with {@code platform: simulator} through the ServiceLoader, for
 * {@code locolink gateway --config} on a laptop: the configuration's {@code simulator} section names
 * the scenario (built-in name or file; default {@code shunting-day}), its speed and its faults
 * (default: the scenario's own); it runs from now behind the configured wiring. {@code parked}
 * serves a locomotive standing still ({@link ParkedLocomotive}). The demo builds its platform directly.
 */
public final class SimulatedPlatformProvider implements PlatformProvider {

  @Override
  public String name() {
    return SimulatedPlatform.NAME;
  }

  @Override
  public Platform open(DevicesConfig devices, SimulatorConfig simulator, long seed) {
    if (simulator.scenario().equals("parked")) {
      return new SimulatedPlatform(devices, ParkedLocomotive.state(devices), FaultInjector.none(), seed);
    }
    Scenario scenario;
    FaultPlan plan;
    try {
      scenario = scenario(simulator.scenario()).startingAt(Instant.now());
      plan = simulator.faults() == null ? FaultPlan.fromScenario(scenario.faults()) : FaultPlan.parse(simulator.faults());
    } catch (RuntimeException e) {
      throw new ConfigException("simulator", e.getMessage());
    }
    ScenarioRunner runner = ScenarioRunner.create(scenario, seed);
    FaultInjector faults = FaultInjector.of(plan, seed);
    runner.addListener(faults.modelFaults());
    runner.startRealTime(simulator.speed());
    return new RunningScenario(new SimulatedPlatform(devices, runner::latest, faults, seed), runner, simulator.speed());
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

  /** The simulated platform together with the scenario that feeds it; closing stops both. */
  private record RunningScenario(SimulatedPlatform platform, ScenarioRunner runner, double timeScale)
      implements Platform {

    @Override
    public InstantSource utc() {
      return timeScale == 1 ? InstantSource.system() : platform.simulatedUtc();
    }

    @Override
    public LongSupplier monotonicNanos() {
      return timeScale == 1 ? System::nanoTime : platform.simulatedNanos();
    }

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
