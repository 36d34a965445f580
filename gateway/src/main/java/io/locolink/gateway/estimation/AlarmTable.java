package io.locolink.gateway.estimation;

import static io.locolink.gateway.estimation.AlarmTier.NOTE;
import static io.locolink.gateway.estimation.AlarmTier.OPEN_CONTACTORS;
import static io.locolink.gateway.estimation.AlarmTier.REDUCE;

import io.locolink.gateway.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The reference alarm limits (MOL = NOTE, RSL = REDUCE, MSL = OPEN_CONTACTORS) with their
 * hysteresis, and configured overrides of them.
 */
public final class AlarmTable {

  private AlarmTable() {}

  /** The reference table. */
  public static List<AlarmLimit> reference() {
    List<AlarmLimit> t = new ArrayList<>();
    above(t, "CELL_VOLTAGE_HIGH", AlarmRule.CELL_VOLTAGE, 0.02, "V", NOTE, 3.55, REDUCE, 3.60, OPEN_CONTACTORS, 3.65);
    below(t, "CELL_VOLTAGE_LOW", AlarmRule.CELL_VOLTAGE, 0.02, "V", NOTE, 2.80, REDUCE, 2.65, OPEN_CONTACTORS, 2.50);
    below(t, "CHARGE_TEMPERATURE_LOW", AlarmRule.CHARGE_TEMPERATURE, 2, "degC", NOTE, 5, OPEN_CONTACTORS, 0);
    above(t, "CHARGE_TEMPERATURE_HIGH", AlarmRule.CHARGE_TEMPERATURE, 2, "degC", NOTE, 40, OPEN_CONTACTORS, 45);
    below(t, "DISCHARGE_TEMPERATURE_LOW", AlarmRule.DISCHARGE_TEMPERATURE, 2, "degC", OPEN_CONTACTORS, -20);
    above(t, "DISCHARGE_TEMPERATURE_HIGH", AlarmRule.DISCHARGE_TEMPERATURE, 2, "degC", OPEN_CONTACTORS, 60);
    below(t, "INSULATION_LOW", AlarmRule.INSULATION, 20, "ohm/V", NOTE, 500, OPEN_CONTACTORS, 100);
    above(t, "CELL_IMBALANCE", AlarmRule.IMBALANCE_AT_REST, 0.01, "V", NOTE, 0.050);
    above(t, "TEMPERATURE_SPREAD", AlarmRule.TEMPERATURE_SPREAD, 1, "degC", NOTE, 8);
    above(t, "MOTOR_WINDING_HIGH", AlarmRule.MOTOR_WINDING, 5, "degC", NOTE, 155, OPEN_CONTACTORS, 180);
    above(t, "MOTOR_BEARING_HIGH", AlarmRule.MOTOR_BEARING, 3, "degC", NOTE, 90, OPEN_CONTACTORS, 110);
    above(t, "INVERTER_HIGH", AlarmRule.INVERTER, 5, "degC", NOTE, 125, OPEN_CONTACTORS, 150);
    return List.copyOf(t);
  }

  /**
   * The reference table with {@code overrides} (keyed {@code CODE.TIER}) applied.
   *
   * @throws ConfigException naming {@code estimation.alarms.limits.KEY} if a key is no alarm
   */
  public static List<AlarmLimit> withOverrides(Map<String, Double> overrides) {
    List<AlarmLimit> table = reference();
    for (String key : overrides.keySet()) {
      if (table.stream().noneMatch(l -> l.key().equals(key))) {
        throw new ConfigException("estimation.alarms.limits." + key, "no such alarm; known: "
            + table.stream().map(AlarmLimit::key).collect(Collectors.joining(", ")));
      }
    }
    return table.stream().map(l -> overrides.containsKey(l.key()) ? l.withLimit(overrides.get(l.key())) : l).toList();
  }

  private static void above(List<AlarmLimit> t, String code, AlarmRule rule, double hysteresis, String unit, Object... tiers) {
    add(t, code, rule, true, hysteresis, unit, tiers);
  }

  private static void below(List<AlarmLimit> t, String code, AlarmRule rule, double hysteresis, String unit, Object... tiers) {
    add(t, code, rule, false, hysteresis, unit, tiers);
  }

  private static void add(List<AlarmLimit> t, String code, AlarmRule rule, boolean above, double hysteresis, String unit, Object... tiers) {
    for (int i = 0; i < tiers.length; i += 2) {
      double limit = ((Number) tiers[i + 1]).doubleValue();
      t.add(new AlarmLimit(code, (AlarmTier) tiers[i], rule, above, limit, hysteresis, unit));
    }
  }
}
