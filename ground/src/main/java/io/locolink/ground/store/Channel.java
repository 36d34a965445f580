package io.locolink.ground.store;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * A quantity of the per-second rows the API serves, with its SQL expression over
 * {@code frame_second} (a scaled integer) and the decimal places that integer carries: a value
 * leaves the store as {@code BigDecimal.valueOf(integer, scale)}, never as a double multiplied out.
 */
public enum Channel {
  SOC("soc_pm", 1, "%", SecondRow::socPm),
  BMS_SOC("bms_soc_pm", 1, "%", SecondRow::bmsSocPm),
  PACK_VOLTAGE("pack_cv", 2, "V", SecondRow::packCv),
  PACK_CURRENT("pack_da", 1, "A", SecondRow::packDa),
  PACK_POWER("pack_hw", 1, "kW", SecondRow::packHw),
  CELL_MIN_VOLTAGE("cell_min_mv", 3, "V", SecondRow::cellMinMv),
  CELL_MAX_VOLTAGE("cell_max_mv", 3, "V", SecondRow::cellMaxMv),
  CELL_SPREAD("cell_max_mv - cell_min_mv", 0, "mV",
      r -> r.cellMaxMv() == null || r.cellMinMv() == null ? null : r.cellMaxMv() - r.cellMinMv()),
  CELL_TEMP_MIN("cell_temp_min_dc", 1, "°C", SecondRow::cellTempMinDc),
  CELL_TEMP_MAX("cell_temp_max_dc", 1, "°C", SecondRow::cellTempMaxDc),
  WINDING_TEMP_MAX("winding_max_dc", 1, "°C", SecondRow::windingMaxDc),
  INVERTER_TEMP_MAX("inverter_max_dc", 1, "°C", SecondRow::inverterMaxDc),
  DRIVE_POWER("drive_hw", 1, "kW", SecondRow::driveHw),
  GENSET_POWER("genset_hw", 1, "kW", SecondRow::gensetHw),
  FUEL_FLOW("fuel_ml_per_min", 0, "ml/min", SecondRow::fuelMlPerMin),
  SPEED("speed_cmh", 2, "km/h", SecondRow::speedCmh),
  INSULATION("insulation_kohm", 0, "kΩ", SecondRow::insulationKohm);

  private final String sql;
  private final int scale;
  private final String unit;
  private final Function<SecondRow, Integer> of;
  private final String apiName;

  Channel(String sql, int scale, String unit, Function<SecondRow, Integer> of) {
    this.sql = sql;
    this.scale = scale;
    this.unit = unit;
    this.of = of;
    String[] parts = name().toLowerCase(Locale.ROOT).split("_");
    StringBuilder camel = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      camel.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
    }
    this.apiName = camel.toString();
  }

  /** This channel's scaled integer in a second row; null when the row has none. */
  public Integer of(SecondRow row) {
    return of.apply(row);
  }

  /** Prefix of this channel's columns in {@code frame_minute}: {@code soc} gives soc_min, soc_max, soc_sum, soc_n. */
  public String minuteColumn() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The API's name for it: lower camel case, e.g. {@code packVoltage}. */
  public String apiName() {
    return apiName;
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
