package io.locolink.simulator.scenario;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The kinds of phase a scenario file can declare, by their YAML names. */
public enum DutyKind {
  /** Key off, brakes on: a cold soak or a night in the yard. */
  PARKED("parked"),
  /** Key on at a stand: auxiliaries and heater run, genset may run. */
  STANDBY("standby"),
  /** Shunting on the EPA switch cycle. */
  SWITCH_CYCLE("switch-cycle"),
  /** Speed-holding line-haul run along the route. */
  LINE_HAUL("line-haul"),
  /** Depot charging, CC/CV. */
  DEPOT_CHARGE("depot-charge");

  private final String yamlName;

  DutyKind(String yamlName) {
    this.yamlName = yamlName;
  }

  /** The name used in scenario files. */
  public String yamlName() {
    return yamlName;
  }

  /**
   * The kind with a YAML name.
   *
   * @throws IllegalArgumentException listing the valid names
   */
  public static DutyKind fromYaml(String name) {
    for (DutyKind k : values()) {
      if (k.yamlName.equals(name)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown duty '" + name + "'; known: "
        + Arrays.stream(values()).map(DutyKind::yamlName).collect(Collectors.joining(", ")));
  }
}
