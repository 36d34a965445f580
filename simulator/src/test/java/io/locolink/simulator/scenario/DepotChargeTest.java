package io.locolink.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.simulator.physics.LocomotiveState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Depot charging CC/CV at 800 kW from 20 %, against the reference's "full in ~70 min". */
class DepotChargeTest {

  private static final List<LocomotiveState> STATES = new ArrayList<>();

  @BeforeAll
  static void run() {
    ScenarioRunner runner = ScenarioRunner.create(Scenarios.builtIn("depot-charge"));
    runner.addListener((state, model) -> STATES.add(state));
    runner.runToEnd();
  }

  @Test
  void chargesToNearlyFullInAboutAnHour() {
    // 80 % of 970 kWh at ≤ 800 kW is ≥ 58 min at constant current; allow the warm-up at
    // 0.2 C and the constant-voltage taper: above 95 % within 90 min
    LocomotiveState at90 = STATES.stream().filter(s -> s.timeS() >= 5_400).findFirst().orElseThrow();
    assertTrue(at90.socTrue() > 0.95, "state of charge after 90 min: " + at90.socTrue());
    LocomotiveState at45 = STATES.stream().filter(s -> s.timeS() >= 2_700).findFirst().orElseThrow();
    assertTrue(at45.socTrue() < 0.95, "not full after 45 min (800 kW cannot): " + at45.socTrue());
  }

  @Test
  void constantCurrentIsTheChargersAndCellsNeverPassTheNoteLimit() {
    double maxChargeA = 0;
    for (LocomotiveState s : STATES) {
      maxChargeA = Math.max(maxChargeA, -s.packCurrentA());
      for (double v : s.cellVoltagesV()) {
        assertTrue(v < 3.55, "cell at " + v + " V, t=" + s.timeS());
      }
    }
    // 800 kW / 730 V ≈ 1,096 A set point, below the 1 C (1,400 A) limit
    assertTrue(maxChargeA > 1_050 && maxChargeA < 1_100, "constant current " + maxChargeA);
    LocomotiveState last = STATES.get(STATES.size() - 1);
    assertTrue(Math.abs(last.packCurrentA()) < 70, "charge ended below the end current: " + last.packCurrentA());
  }
}
