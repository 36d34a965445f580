package io.locolink.simulator.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FaultPlanTest {

  @Test
  void parsesCommandLineSpecs() {
    FaultPlan plan = FaultPlan.parse("bms-silence@120s+30s, cell-drift:17=0.002@2m+1h,nack:pack-shunt@5+2");
    assertEquals(3, plan.faults().size());
    assertEquals(new Fault(FaultKind.BMS_SILENCE, "", 120, 30, 0), plan.faults().get(0));
    assertEquals(new Fault(FaultKind.CELL_DRIFT, "17", 120, 3600, 0.002), plan.faults().get(1));
    assertEquals(new Fault(FaultKind.NACK, "pack-shunt", 5, 2, 0), plan.faults().get(2));
    assertEquals(5000, Fault.parse("gnss-jump@1s+1s").magnitude());
  }

  @Test
  void scenarioListsAndActiveWindow() {
    Fault f = FaultPlan.fromSpecs(List.of("gnss-loss@10s+5s")).faults().get(0);
    assertFalse(f.activeAt(9.99));
    assertTrue(f.activeAt(10));
    assertTrue(f.activeAt(14.99));
    assertFalse(f.activeAt(15));
  }

  @Test
  void badSpecsSayWhatIsWrong() {
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Fault.parse("melt@1s+1s"));
    assertTrue(unknown.getMessage().contains("'melt@1s+1s'") && unknown.getMessage().contains("unknown fault"));
    assertThrows(IllegalArgumentException.class, () -> Fault.parse("bms-silence"));
    assertThrows(IllegalArgumentException.class, () -> Fault.parse("bms-silence@1s+0s"));
  }

  @Test
  void stuckFreezesAndDriftGrows() {
    FaultInjector injector = new FaultInjector(FaultPlan.parse("stuck:x@1s+2s,cell-drift:3=0.01@0s+10s"),
        java.util.random.RandomGeneratorFactory.of("L64X128MixRandom").create(42));
    assertEquals(5.0, injector.apply("x", 5.0, 0.5));
    assertEquals(6.0, injector.apply("x", 6.0, 1.0));
    assertEquals(6.0, injector.apply("x", 7.0, 2.0));
    assertEquals(8.0, injector.apply("x", 8.0, 3.0));
    assertEquals(0.05, injector.cellDriftV(3, 5.0), 1e-12);
    assertEquals(0.0, injector.cellDriftV(4, 5.0));
  }

  @Test
  void scenarioEntriesMixSpecsAndMappings() {
    FaultPlan plan = FaultPlan.fromScenario(List.of("bms-crc@10s+5s",
        "{\"at\":1200,\"device\":\"insulation\",\"leakOhm\":250000}",
        "{\"fault\":\"dead-sensor\",\"target\":\"drive1-winding\",\"at\":60,\"for\":30}"));
    assertEquals(new Fault(FaultKind.BMS_CRC, "", 10, 5, 0), plan.faults().get(0));
    assertEquals(new Fault(FaultKind.INSULATION_LEAK, "", 1200, Double.POSITIVE_INFINITY, 250_000), plan.faults().get(1));
    assertEquals(new Fault(FaultKind.DEAD_SENSOR, "drive1-winding", 60, 30, 0), plan.faults().get(2));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FaultPlan.fromScenario(List.of("{\"at\":5}")));
    assertTrue(e.getMessage().contains("{\"at\":5}"), e.getMessage());
    IllegalArgumentException notANumber = assertThrows(IllegalArgumentException.class,
        () -> FaultPlan.fromScenario(List.of("{\"fault\":\"dead-sensor\",\"at\":\"soon\"}")));
    assertTrue(notANumber.getMessage().contains("'at' must be a number"), notANumber.getMessage());
  }

  @Test
  void aScenarioFilesMappingReachesThePlan() {
    // the entry as the scenario reader keeps it, from YAML's flow mapping to compact JSON
    var scenario = io.locolink.simulator.scenario.Scenarios.parse("""
        name: t
        vehicle: battery
        route: astana-1-yard
        startUtc: "2026-02-01T00:00:00Z"
        seed: 3
        initial: {soc: 0.5, ambientC: -10}
        phases: [{duty: standby, durationS: 60}]
        faults:
          - {fault: dead-sensor, target: drive1-winding, at: 1.5, for: 30}
        """, "t");
    assertEquals(List.of(new Fault(FaultKind.DEAD_SENSOR, "drive1-winding", 1.5, 30, 0)),
        FaultPlan.fromScenario(scenario.faults()).faults());
  }
}
