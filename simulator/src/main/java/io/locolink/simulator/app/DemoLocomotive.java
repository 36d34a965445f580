package io.locolink.simulator.app;

import io.locolink.gateway.app.Gateway;
import io.locolink.gateway.config.LocoLinkConfig;
import io.locolink.gateway.journal.JournalException;
import io.locolink.simulator.faults.FaultPlan;
import io.locolink.simulator.pi4j.ScenarioPlatform;
import io.locolink.simulator.scenario.Scenario;
import java.security.SecureRandom;
import java.time.Instant;

/**
 * One locomotive of the demo: a scenario stepped in lockstep with the gateway's samples by the
 * platform's own clock ({@link ScenarioPlatform}, kept in the locomotive's state directory), paced
 * at real time or faster, the emulated chips
 * it feeds, and the real gateway reading them. Each start draws a fresh random boot id, as a real
 * gateway does, so a ground station that de-duplicates by boot and sequence never takes a new run
 * for an old one. Closing stops the gateway, then the platform and its scenario.
 */
final class DemoLocomotive implements AutoCloseable {

  private static final SecureRandom BOOT_IDS = new SecureRandom();

  private final ScenarioPlatform platform;
  private final Gateway gateway;

  private DemoLocomotive(ScenarioPlatform platform, Gateway gateway) {
    this.platform = platform;
    this.gateway = gateway;
  }

  /**
   * Starts the scenario and the gateway; returns once the gateway acquires (the uplink connects in
   * the background). The simulated clock starts now, or, in a state directory a demo ran in before,
   * where that run's clock left it carried forward at {@code speed} (as {@code locolink gateway} on
   * the simulator does), so nothing this run sends is stamped before what the last one sent.
   *
   * @param speed simulated seconds per wall second, 1-100
   * @param seed seeds the scenario's driver and the chips' noise
   * @throws JournalException if the gateway's journal cannot be opened
   */
  static DemoLocomotive start(LocoLinkConfig cfg, Scenario scenario, FaultPlan plan, double speed, long seed)
      throws JournalException {
    ScenarioPlatform platform = ScenarioPlatform.openKeepingClock(cfg.devices(), scenario, plan,
        cfg.framing().samplePeriodNanos(), speed, seed, cfg.stateDir());
    try {
      return new DemoLocomotive(platform, Gateway.start(cfg, platform, BOOT_IDS.nextLong(), live -> {}));
    } catch (JournalException | RuntimeException e) {
      platform.close();
      throw e;
    }
  }

  /** Where the simulated clock started: now on a first run, later when it continues a previous run's. */
  Instant simulatedStart() {
    return platform.runner().scenario().initial().startUtc();
  }

  /**
   * Whether the scenario has run to its end; from then on the simulated world stands still and the
   * chips keep giving its last readings. Any thread.
   */
  boolean scenarioEnded() {
    return platform.runner().finished();
  }

  @Override
  public void close() {
    try {
      gateway.close();
    } finally {
      platform.close();
    }
  }
}
