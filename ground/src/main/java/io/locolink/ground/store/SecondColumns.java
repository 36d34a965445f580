package io.locolink.ground.store;

import java.util.List;
import java.util.function.Function;

/** The columns of {@code frame_second} in table order, with the SQL array type each is sent as. */
final class SecondColumns {

  /** One column: its name, the SQL element type of its unnest array, and how to read it from a row. */
  record Column(String name, String sqlType, Function<SecondRow, Object> value) {}

  static final List<Column> ALL = List.of(
      new Column("time", "int8", r -> r.timeMs()),
      new Column("odometer_m", "int8", SecondRow::odometerM),
      new Column("locomotive_id", "int4", r -> null),  // filled in by the writer
      new Column("pack_cv", "int4", SecondRow::packCv),
      new Column("pack_da", "int4", SecondRow::packDa),
      new Column("pack_da_min", "int4", SecondRow::packDaMin),
      new Column("pack_da_max", "int4", SecondRow::packDaMax),
      new Column("pack_hw", "int4", SecondRow::packHw),
      new Column("drive_hw", "int4", SecondRow::driveHw),
      new Column("genset_hw", "int4", SecondRow::gensetHw),
      new Column("fuel_ml_per_min", "int4", SecondRow::fuelMlPerMin),
      new Column("speed_cmh", "int4", SecondRow::speedCmh),
      new Column("latitude_e7", "int4", SecondRow::latitudeE7),
      new Column("longitude_e7", "int4", SecondRow::longitudeE7),
      new Column("insulation_kohm", "int4", SecondRow::insulationKohm),
      new Column("quality", "int4", SecondRow::quality),
      new Column("soc_pm", "int2", SecondRow::socPm),
      new Column("soc_uncertainty_pm", "int2", SecondRow::socUncertaintyPm),
      new Column("soh_pm", "int2", SecondRow::sohPm),
      new Column("bms_soc_pm", "int2", SecondRow::bmsSocPm),
      new Column("cell_min_mv", "int2", SecondRow::cellMinMv),
      new Column("cell_min_index", "int2", SecondRow::cellMinIndex),
      new Column("cell_max_mv", "int2", SecondRow::cellMaxMv),
      new Column("cell_max_index", "int2", SecondRow::cellMaxIndex),
      new Column("cell_temp_min_dc", "int2", SecondRow::cellTempMinDc),
      new Column("cell_temp_max_dc", "int2", SecondRow::cellTempMaxDc),
      new Column("cell_temp_max_index", "int2", SecondRow::cellTempMaxIndex),
      new Column("winding_max_dc", "int2", SecondRow::windingMaxDc),
      new Column("inverter_max_dc", "int2", SecondRow::inverterMaxDc),
      new Column("bearing_max_dc", "int2", SecondRow::bearingMaxDc),
      new Column("flags", "int2", SecondRow::flags));

  private SecondColumns() {}

  /** How each column of {@link #ALL} goes into a binary COPY, worked out once instead of for every row. */
  private static final char[] KIND = new char[ALL.size()];

  static {
    for (int i = 0; i < ALL.size(); i++) {
      Column c = ALL.get(i);
      KIND[i] = c.name().equals("time") ? 't' : c.name().equals("locomotive_id") ? 'l' : c.sqlType().equals("int8") ? '8'
          : c.sqlType().equals("int4") ? '4' : '2';
    }
  }

  /** Writes one row, all columns in table order, into a binary COPY. */
  static void write(BinaryCopy copy, SecondRow r, int locomotiveId) {
    copy.row(KIND.length);
    for (int i = 0; i < KIND.length; i++) {
      switch (KIND[i]) {
        case 't' -> copy.timestampMs(r.timeMs());
        case 'l' -> copy.int4(locomotiveId);
        case '8' -> copy.int8((Long) ALL.get(i).value().apply(r));
        case '4' -> copy.int4((Integer) ALL.get(i).value().apply(r));
        default -> copy.int2((Integer) ALL.get(i).value().apply(r));
      }
    }
  }

  /** {@code a, b, c} */
  static String names() {
    return String.join(", ", ALL.stream().map(Column::name).toList());
  }

  /** The SELECT list turning the unnest columns into table values (time from Unix ms). */
  static String selectList() {
    StringBuilder out = new StringBuilder();
    for (Column c : ALL) {
      if (!out.isEmpty()) {
        out.append(", ");
      }
      out.append(c.name().equals("time") ? "timestamptz 'epoch' + u.time * interval '1 millisecond'" : "u." + c.name());
    }
    return out.toString();
  }

  /** {@code unnest(?::int8[], ?::int4[] ...) AS u(time, ...)} */
  static String unnest() {
    StringBuilder args = new StringBuilder();
    for (Column c : ALL) {
      if (!args.isEmpty()) {
        args.append(", ");
      }
      args.append("?::").append(c.sqlType()).append("[]");
    }
    return "unnest(" + args + ") AS u(" + names() + ")";
  }
}
