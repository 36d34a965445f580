package io.locolink.simulator.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.app.Gateway;
import io.locolink.gateway.config.ConfigLoader;
import io.locolink.gateway.config.JournalConfig;
import io.locolink.gateway.config.LocoLinkConfig;
import io.locolink.gateway.estimation.EnergyPeriod;
import io.locolink.gateway.framing.EnergyRecordCodec;
import io.locolink.gateway.journal.Journal;
import io.locolink.gateway.journal.JournalRecord;
import io.locolink.gateway.framing.StreamKind;
import io.locolink.simulator.faults.FaultInjector;
import io.locolink.simulator.pi4j.LockstepClock;
import io.locolink.simulator.pi4j.SimulatedPlatform;
import io.locolink.simulator.scenario.Scenario;
import io.locolink.simulator.scenario.ScenarioRunner;
import io.locolink.simulator.scenario.Scenarios;
import io.locolink.testing.MosquittoBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No watt-hour is lost to a restart: a clean shutdown journals the energy period in progress, and
 * a start after an unclean end marks the next record as a power-fail recovery. The broker is
 * unreachable on purpose, so everything stays in the journal to be read back.
 */
class ShutdownAndRestartTest {

  @Test
  void theOpenPeriodIsJournaledAtShutdownAndAnUncleanEndIsMarked(@TempDir Path dir) throws Exception {
    int nobody = MosquittoBroker.freePort();
    LocoLinkConfig cfg = ConfigLoader.parse("""
        locomotive: {id: KZ-STOP-1}
        platform: simulator
        stateDir: "%s"
        devices: {driveCount: 6}
        mqtt: {url: "tcp://127.0.0.1:%d"}
        depot: {enabled: false}
        """.formatted(dir, nobody), LocoLinkConfig.class);
    Scenario scenario = Scenarios.builtIn("shunting-day").startingAt(Instant.parse("2026-11-25T06:03:30Z"));

    runFor(cfg, scenario, 4);  // 06:03:30 to 06:07:30: the 06:05 period closes, the next is open at the stop
    List<EnergyPeriod> first = energyRecords(dir);
    assertTrue(first.size() >= 2, "the closed period plus the one in progress: " + first);
    assertEquals(0, first.get(0).qualityWord() & EnergyPeriod.EnergyQuality.POWER_RECOVERY.bit(),
        "a first start in an empty state directory recovers from nothing: " + first.get(0));
    EnergyPeriod last = first.get(first.size() - 1);
    assertTrue((last.qualityWord() & EnergyPeriod.EnergyQuality.INCOMPLETE_PERIOD.bit()) != 0,
        "the period cut by the shutdown is journaled as incomplete");
    // The battery always works (auxiliaries draw, or the genset charges it): some energy flowed.
    assertTrue(last.consumedWh() + last.regeneratedWh() + last.gensetWh() + last.depotChargeWh() > 0,
        "and it carries the energy of its minutes: " + last);
    assertTrue(Files.exists(dir.resolve("clean-shutdown")), "a clean shutdown leaves its marker");

    Files.delete(dir.resolve("clean-shutdown"));  // as if the power had been cut
    runFor(cfg, scenario, 3);
    List<EnergyPeriod> second = energyRecords(dir);
    EnergyPeriod afterRestart = second.get(first.size());
    assertTrue((afterRestart.qualityWord() & EnergyPeriod.EnergyQuality.POWER_RECOVERY.bit()) != 0,
        "the first period after an unclean end says power recovery: " + afterRestart);
  }

  private static void runFor(LocoLinkConfig cfg, Scenario scenario, int simulatedMinutes) throws Exception {
    // Lockstep, flat out: the simulated minutes cost only their computation, and a stall of the
    // machine slows the simulation down instead of opening a gap in the samples.
    CountDownLatch done = new CountDownLatch(1);
    Instant end = scenario.initial().startUtc().plusSeconds(simulatedMinutes * 60L);
    try (ScenarioRunner runner = ScenarioRunner.create(
            LockstepClock.steppedForSampling(scenario, cfg.framing().samplePeriodNanos()), 5);
        SimulatedPlatform platform = new SimulatedPlatform(cfg.devices(), runner::latest, FaultInjector.none(), 5);
        Gateway gateway = Gateway.start(cfg, platform, LockstepClock.flatOut(runner, cfg.framing().samplePeriodNanos()),
            5, live -> {
              if (!live.snapshot().utc().isBefore(end)) {
                done.countDown();
              }
            })) {
      assertTrue(done.await(120, TimeUnit.SECONDS), "the gateway ran " + simulatedMinutes + " simulated minutes");
    }
  }

  private static List<EnergyPeriod> energyRecords(Path dir) throws Exception {
    List<EnergyPeriod> out = new ArrayList<>();
    try (Journal journal = Journal.open(dir.resolve("journal"), JournalConfig.defaults(), InstantSource.system())) {
      long after = -1;
      while (true) {
        var next = journal.next(StreamKind.ENERGY, after, Long.MAX_VALUE);
        if (next.isEmpty()) {
          return out;
        }
        JournalRecord r = next.get();
        out.add(EnergyRecordCodec.decode(r.payload()));
        after = r.sequence();
      }
    }
  }
}
