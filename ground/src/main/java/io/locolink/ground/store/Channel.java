package io.locolink.ground.store;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

/**
 * A quantity of the per-second rows the API serves, with its SQL expression over
 * {@code frame_second} (a scaled integer) and the decimal places that integer carries: a value
 * leaves the store as {@code BigDecimal.valueOf(integer, scale)}, never as a double multiplied out.
 */
public enum Channel {
  SOC("soc_pm", 1, "%"),
  BMS_SOC("bms_soc_pm", 1, "%"),
  PACK_VOLTAGE("pack_cv", 2, "V"),
  PACK_CURRENT("pack_da", 1, "A"),
  PACK_POWER("pack_hw", 1, "kW"),
  CELL_MIN_VOLTAGE("cell_min_mv", 3, "V"),
  CELL_MAX_VOLTAGE("cell_max_mv", 3, "V"),
  CELL_SPREAD("cell_max_mv - cell_min_mv", 0, "mV"),
  CELL_TEMP_MIN("cell_temp_min_dc", 1, "°C"),
  CELL_TEMP_MAX("cell_temp_max_dc", 1, "°C"),
  WINDING_TEMP_MAX("winding_max_dc", 1, "°C"),
  INVERTER_TEMP_MAX("inverter_max_dc", 1, "°C"),
  DRIVE_POWER("drive_hw", 1, "kW"),
  GENSET_POWER("genset_hw", 1, "kW"),
  FUEL_FLOW("fuel_ml_per_min", 0, "ml/min"),
  SPEED("speed_cmh", 2, "km/h"),
  INSULATION("insulation_kohm", 0, "kΩ");

  private final String sql;
  private final int scale;
  private final String unit;

  Channel(String sql, int scale, String unit) {
    this.sql = sql;
    this.scale = scale;
    this.unit = unit;
  }

  /** The API's name for it: lower camel case, e.g. {@code packVoltage}. */
  public String apiName() {
    String[] parts = name().toLowerCase(Locale.ROOT).split("_");
    StringBuilder out = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      out.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
    }
    return out.toString();
  }

  /** The channel an API name stands for. */
  public static Optional<Channel> ofApiName(String name) {
    for (Channel c : values()) {
      if (c.apiName().equals(name)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** SQL expression over a {@code frame_second} row giving the scaled integer. */
  public String sql() {
    return sql;
  }

  /** Decimal places of the scaled integer. */
  public int scale() {
    return scale;
  }

  public String unit() {
    return unit;
  }

  /** The value of a scaled integer, at its resolution; null for null. */
  public BigDecimal value(Long scaled) {
    return scaled == null ? null : BigDecimal.valueOf(scaled, scale);
  }
}
