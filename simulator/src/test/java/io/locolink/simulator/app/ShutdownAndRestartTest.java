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
 * No watt-hour is lost to a restart and no period is closed twice: a clean shutdown keeps the
 * energy period in progress in the state directory, the next start continues it (same slot) or
 * sends it as it stood (later slot), and a start after an unclean end marks the next record as a
 * power-fail recovery. The broker is
 * unreachable on purpose, so everything stays in the journal to be read back.
 */
class ShutdownAndRestartTest {

  @Test
  void theOpenPeriodIsKeptAtShutdownClosedOnceAfterTheRestartAndAnUncleanEndIsMarked(@TempDir Path dir)
      throws Exception {
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
    assertEquals(List.of(Instant.parse("2026-11-25T06:05:00Z")), ends(first), "only the finished period is sent");
    assertEquals(0, first.get(0).qualityWord() & EnergyPeriod.EnergyQuality.POWER_RECOVERY.bit(),
        "a first start in an empty state directory recovers from nothing: " + first.get(0));
    assertTrue(Files.exists(dir.resolve("energy-period")), "the period in progress is kept in the state directory");
    assertTrue(Files.exists(dir.resolve("clean-shutdown")), "a clean shutdown leaves its marker");

    // Restarted a minute later, in the same 5-minute slot: the kept period goes on and is closed once.
    runFor(cfg, scenario.startingAt(Instant.parse("2026-11-25T06:08:30Z")), 3);
    List<EnergyPeriod> second = energyRecords(dir);
    assertEquals(List.of(Instant.parse("2026-11-25T06:05:00Z"), Instant.parse("2026-11-25T06:10:00Z")), ends(second),
        "the 06:10 period, cut by the restart, is sent exactly once");
    EnergyPeriod across = second.get(1);
    assertTrue((across.qualityWord() & EnergyPeriod.EnergyQuality.INCOMPLETE_PERIOD.bit()) != 0,
        "the period across the restart is incomplete: " + across);
    // The battery always works (auxiliaries draw, or the genset charges it): some energy flowed.
    assertTrue(across.consumedWh() + across.regeneratedWh() + across.gensetWh() + across.depotChargeWh() > 0,
        "and it carries the energy of its minutes: " + across);
    assertTrue(Files.exists(dir.resolve("energy-period")), "the 06:11:30 stop kept the 06:15 period");

    Files.delete(dir.resolve("clean-shutdown"));  // as if the power had been cut
    runFor(cfg, scenario.startingAt(Instant.parse("2026-11-25T06:20:30Z")), 5);
    List<EnergyPeriod> third = energyRecords(dir);
    assertEquals(List.of(Instant.parse("2026-11-25T06:05:00Z"), Instant.parse("2026-11-25T06:10:00Z"),
        Instant.parse("2026-11-25T06:15:00Z"), Instant.parse("2026-11-25T06:25:00Z")), ends(third),
        "the kept 06:15 period is sent as it stood at the first sample of a later slot");
    EnergyPeriod afterRestart = third.get(3);
    assertTrue((afterRestart.qualityWord() & EnergyPeriod.EnergyQuality.POWER_RECOVERY.bit()) != 0,
        "the first period after an unclean end says power recovery: " + afterRestart);
  }

  private static List<Instant> ends(List<EnergyPeriod> periods) {
    return periods.stream().map(EnergyPeriod::periodEnd).toList();
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
