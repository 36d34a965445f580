package io.locolink.simulator.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.acquisition.DeviceAcquisition;
import io.locolink.gateway.acquisition.QualityFlag;
import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.config.DevicesConfig;
import io.locolink.simulator.faults.FaultInjector;
import io.locolink.simulator.faults.FaultPlan;
import io.locolink.simulator.physics.LocomotiveState;
import io.locolink.simulator.scenario.ScenarioRunner;
import io.locolink.simulator.scenario.Scenarios;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The physics of a built-in scenario read through the emulated chips, with a fault from the plan. */
class ScenarioAcquisitionTest {

  @Test
  void shuntingDayReadsLikeTheModelAndSeesTheInsulationLeak() {
    try (ScenarioRunner runner = ScenarioRunner.create(Scenarios.builtIn("shunting-day"), 5)) {
      LocomotiveState start = runner.latest();
      DevicesConfig config = DevicesConfig.withDrives(start.drives().size(), start.genset().isPresent());
      FaultInjector faults = FaultInjector.of(FaultPlan.fromScenario(List.of(
          "{\"at\":60,\"device\":\"insulation\",\"leakOhm\":250000}", "bms-crc@30s+5s")), 42);
      runner.addListener(faults.modelFaults());
      try (SimulatedPlatform platform = new SimulatedPlatform(config, runner::latest, faults, 5);
          DeviceAcquisition acquisition = new DeviceAcquisition(platform, config, platform.simulatedUtc(),
              platform.simulatedNanos())) {
        boolean sawCrc = false;
        Snapshot s = null;
        double stepS = runner.scenario().stepS();
        while (runner.latest().timeS() < 90) { // one acquisition per physics step
          runner.advance(stepS);
          s = acquisition.acquire();
          sawCrc |= QualityFlag.CHECKSUM.in(s.pack().cellVoltageFlags()[0]);
        }
        LocomotiveState truth = runner.latest();
        assertTrue(sawCrc);
        assertEquals(truth.packVoltageV(), s.pack().voltageV().value(), 0.05);
        assertEquals(truth.packCurrentA(), s.pack().currentA().value(), 0.05);
        assertEquals(truth.cellVoltagesV().length, s.pack().cellCount());
        // cells were read up to a second ago: compare with the model within what a second can change
        for (int i = 0; i < s.pack().cellCount(); i++) {
          assertEquals(truth.cellVoltagesV()[i], s.pack().cellVoltagesV()[i], 0.02, "cell " + i);
          assertEquals(0, s.pack().cellVoltageFlags()[i], "cell flags " + i);
        }
        // a 250 kOhm leak in parallel with a healthy bus: the BMS now reports well under 500 kOhm
        assertTrue(s.pack().insulationKohm().value() < 260, () -> "insulation " + truth.insulationOhm());
        assertEquals(truth.insulationOhm() / 1000, s.pack().insulationKohm().value(), 1.0);
        assertEquals(truth.drives().size(), s.drives().size());
        for (int d = 0; d < truth.drives().size(); d++) {
          assertEquals(truth.drives().get(d).dcCurrentA(), s.drives().get(d).currentA().value(), 0.5, "drive " + d);
          assertEquals(truth.drives().get(d).dcLinkV(), s.drives().get(d).dcLinkV().value(), 0.2);
        }
        assertTrue(acquisition.health().stream().allMatch(h -> h.online()), () -> acquisition.health().toString());
      }
    }
  }
}
