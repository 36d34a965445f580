package io.locolink.simulator.app;

import io.locolink.gateway.app.Gateway;
import io.locolink.gateway.config.LocoLinkConfig;
import io.locolink.gateway.journal.JournalException;
import io.locolink.simulator.faults.FaultInjector;
import io.locolink.simulator.faults.FaultPlan;
import io.locolink.simulator.pi4j.SimulatedPlatform;
import io.locolink.simulator.scenario.Scenario;
import io.locolink.simulator.scenario.ScenarioRunner;
import java.security.SecureRandom;

/**
 * One locomotive of the demo: a scenario stepped in lockstep with the gateway's samples, paced at
 * real time or faster, the emulated chips it feeds, and the real gateway reading them. Each start draws a fresh random boot id, as a real
 * gateway does, so a ground station that de-duplicates by boot and sequence never takes a new run
 * for an old one. Closing stops the gateway, then the platform, then the scenario.
 */
final class DemoLocomotive implements AutoCloseable {

  private static final SecureRandom BOOT_IDS = new SecureRandom();

  private final ScenarioRunner runner;
  private final SimulatedPlatform platform;
  private final Gateway gateway;

  private DemoLocomotive(ScenarioRunner runner, SimulatedPlatform platform, Gateway gateway) {
    this.runner = runner;
    this.platform = platform;
    this.gateway = gateway;
  }

  /**
   * Starts the scenario and the gateway; returns once the gateway acquires (the uplink connects in
   * the background).
   *
   * @param speed simulated seconds per wall second, 1-100
   * @param seed seeds the scenario's driver and the chips' noise
   * @throws JournalException if the gateway's journal cannot be opened
   */
  static DemoLocomotive start(LocoLinkConfig cfg, Scenario scenario, FaultPlan plan, double speed, long seed)
      throws JournalException {
    long period = cfg.framing().samplePeriodNanos();
    ScenarioRunner runner = ScenarioRunner.create(LockstepClock.steppedForSampling(scenario, period), seed);
    SimulatedPlatform platform = null;
    try {
      FaultInjector injector = FaultInjector.of(plan, seed);
      runner.addListener(injector.modelFaults());
      platform = new SimulatedPlatform(cfg.devices(), runner::latest, injector, seed);
      long bootId = BOOT_IDS.nextLong();
      Gateway gateway = Gateway.start(cfg, platform, LockstepClock.paced(runner, period, speed), bootId, live -> {});
      return new DemoLocomotive(runner, platform, gateway);
    } catch (JournalException | RuntimeException e) {
      if (platform != null) {
        platform.close();
      }
      runner.close();
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      gateway.close();
    } finally {
      try {
        platform.close();
      } finally {
        runner.close();
      }
    }
  }
}
