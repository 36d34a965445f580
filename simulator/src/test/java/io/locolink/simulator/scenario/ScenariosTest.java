package io.locolink.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.simulator.physics.VehicleKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scenario files: the built-ins parse; bad files fail with the key named; faults pass through. */
class ScenariosTest {

  private static final String MINIMAL = """
      name: t
      vehicle: battery
      route: astana-1-yard
      startUtc: "2026-02-01T00:00:00Z"
      seed: 3
      initial:
        soc: 0.5
        ambientC: -10
      phases:
        - duty: standby
          durationS: 60
      """;

  @Test
  void everyBuiltInParsesAndNamesItsVehicle() {
    for (String name : Scenarios.BUILT_IN) {
      Scenario s = Scenarios.builtIn(name);
      assertEquals(name, s.name());
      assertTrue(s.durationS() > 0);
    }
    assertEquals(VehicleKind.HYBRID, Scenarios.builtIn("shunting-day").vehicle());
    assertEquals(VehicleKind.BATTERY, Scenarios.builtIn("depot-charge").vehicle());
  }

  @Test
  void defaultsApply() {
    Scenario s = Scenarios.parse(MINIMAL, "test");
    assertEquals(0.5, s.stepS());
    assertEquals(-10, s.initial().vehicleC(), "vehicle starts at ambient");
    assertEquals(List.of(), s.faults());
  }

  @Test
  void faultEntriesAreKeptRawForTheInjector() {
    Scenario s = Scenarios.parse(MINIMAL + """
        faults:
          - "at 600 s: cell 17 voltage stuck"
          - {at: 1200, device: insulation, leakOhm: 250000}
        """, "test");
    assertEquals(List.of("at 600 s: cell 17 voltage stuck", "{\"at\":1200,\"device\":\"insulation\",\"leakOhm\":250000}"),
        s.faults());
  }

  @Test
  void aMappingFaultKeepsYamlsTypesInItsJson() {
    // YAML 1.1 types of plain scalars (yaml.org/type): 1.5 a float, 7 an int, true a bool, ~ null; quoted is text
    Scenario s = Scenarios.parse(MINIMAL + """
        faults:
          - {fault: bms-silence, at: 1.5, for: 7, target: "17", latched: true, note: ~}
        """, "test");
    assertEquals(List.of("{\"fault\":\"bms-silence\",\"at\":1.5,\"for\":7,\"target\":\"17\",\"latched\":true,"
        + "\"note\":null}"), s.faults());
  }

  @Test
  void anEmptyFileIsSaidToBeEmpty() {
    ScenarioFormatException e = assertThrows(ScenarioFormatException.class, () -> Scenarios.parse("# none\n", "f"));
    assertEquals("scenario f is empty", e.getMessage());
  }

  @Test
  void aBuildChangesPackTopologyAndDrives() {
    Scenario s = Scenarios.parse(MINIMAL.replace("seed: 3\n", "seed: 3\nbuild:\n  seriesCells: 200\n  drives: 4\n"), "t");
    var state = ScenarioRunner.create(s).advance(10);
    assertEquals(200, state.cellVoltagesV().length);
    assertEquals(5, state.stringsParallel());
    assertEquals(4, state.drives().size());
    ScenarioFormatException e = assertThrows(ScenarioFormatException.class,
        () -> Scenarios.parse(MINIMAL.replace("seed: 3\n", "seed: 3\nbuild:\n  drives: 0\n"), "t"));
    assertTrue(e.getMessage().contains("build.drives"), e.getMessage());
  }

  @Test
  void unknownKeyIsNamed() {
    ScenarioFormatException e = assertThrows(ScenarioFormatException.class,
        () -> Scenarios.parse(MINIMAL.replace("soc: 0.5", "soc: 0.5\n  socc: 1"), "file.yaml"));
    assertTrue(e.getMessage().contains("file.yaml") && e.getMessage().contains("socc"), e.getMessage());
  }

  @Test
  void missingAndInvalidValuesAreNamed() {
    ScenarioFormatException missing = assertThrows(ScenarioFormatException.class,
        () -> Scenarios.parse(MINIMAL.replace("seed: 3\n", ""), "f"));
    assertTrue(missing.getMessage().contains("'seed' is required"), missing.getMessage());
    ScenarioFormatException vehicle = assertThrows(ScenarioFormatException.class,
        () -> Scenarios.parse(MINIMAL.replace("battery", "steam"), "f"));
    assertTrue(vehicle.getMessage().contains("'vehicle'"), vehicle.getMessage());
    ScenarioFormatException duty = assertThrows(ScenarioFormatException.class,
        () -> Scenarios.parse(MINIMAL.replace("standby", "dance"), "f"));
    assertTrue(duty.getMessage().contains("dance") && duty.getMessage().contains("switch-cycle"), duty.getMessage());
    ScenarioFormatException route = assertThrows(ScenarioFormatException.class,
        () -> Scenarios.parse(MINIMAL.replace("astana-1-yard", "nowhere"), "f"));
    assertTrue(route.getMessage().contains("'route'"), route.getMessage());
    ScenarioFormatException notYaml = assertThrows(ScenarioFormatException.class,
        () -> Scenarios.parse("name: [unclosed", "f"));
    assertTrue(notYaml.getMessage().contains("f"), notYaml.getMessage());
  }

  @Test
  void unknownBuiltInListsTheKnownOnes() {
    ScenarioFormatException e = assertThrows(ScenarioFormatException.class, () -> Scenarios.builtIn("x"));
    assertTrue(e.getMessage().contains("shunting-day"), e.getMessage());
  }
}
