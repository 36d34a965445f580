package io.locolink.ground.store;

import io.locolink.ground.store.Table.Col;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * Energy per 5-minute period and per day (with CO2), alarms, gaps and trips, as {@link Table}s.
 * A null locomotive means the whole fleet. Time ranges are half-open: {@code [from, to)}. Thread-safe.
 */
public final class RecordQueries {

  /** 5-minute periods in a UTC day. */
  public static final int PERIODS_PER_DAY = 288;

  private final DataSource dataSource;

  public RecordQueries(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Each energy record whose period ends in the range, by locomotive then time. */
  public Table energyPeriods(String locomotive, Instant from, Instant to) throws SQLException {
    return Table.query(dataSource, "SELECT l.name, e.period_end, e.period_s, e.consumed_wh, e.regenerated_wh, "
        + "e.depot_charge_wh, e.genset_wh, e.diesel_ml, e.co2_tank_to_wheel_g, e.co2_well_to_wheel_g, "
        + "e.co2_avoided_g, e.quality_word, e.energy_status, e.historical FROM energy_record e "
        + "JOIN locomotive l ON l.id = e.locomotive_id WHERE e.period_end >= ? AND e.period_end < ? "
        + "AND (?::text IS NULL OR l.name = ?) ORDER BY l.name, e.period_end",
        List.of(Col.plain("locomotive"), Col.plain("periodEnd"), Col.plain("periodS"), Col.plain("consumedWh"),
            Col.plain("regeneratedWh"), Col.plain("depotChargeWh"), Col.plain("gensetWh"), Col.plain("dieselMl"),
            Col.plain("co2TankToWheelG"), Col.plain("co2WellToWheelG"), Col.plain("co2AvoidedG"),
            Col.plain("qualityWord"), Col.plain("energyStatus"), Col.plain("historical")),
        ts(from), ts(to), locomotive, locomotive);
  }

  /**
   * Energy per locomotive and UTC day (a period belongs to the day its period starts in), with the
   * number of periods received and missing out of 288.
   */
  public Table energyDays(String locomotive, Instant from, Instant to) throws SQLException {
    return Table.query(dataSource, "SELECT l.name, to_char(date_trunc('day', (e.period_end - make_interval("
        + "secs => e.period_s)) AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, count(*), " + PERIODS_PER_DAY
        + " - count(*), sum(e.consumed_wh), sum(e.regenerated_wh), sum(e.depot_charge_wh), sum(e.genset_wh), "
        + "sum(e.diesel_ml), sum(e.co2_tank_to_wheel_g), sum(e.co2_well_to_wheel_g), sum(e.co2_avoided_g) "
        + "FROM energy_record e JOIN locomotive l ON l.id = e.locomotive_id "
        + "WHERE e.period_end > ? AND e.period_end <= ? AND (?::text IS NULL OR l.name = ?) "
        + "GROUP BY l.name, day ORDER BY l.name, day",
        List.of(Col.plain("locomotive"), Col.plain("day"), Col.plain("periods"), Col.plain("missingPeriods"),
            Col.plain("consumedWh"), Col.plain("regeneratedWh"), Col.plain("depotChargeWh"), Col.plain("gensetWh"),
            Col.plain("dieselMl"), Col.plain("co2TankToWheelG"), Col.plain("co2WellToWheelG"),
            Col.plain("co2AvoidedG")),
        ts(from), ts(to), locomotive, locomotive);
  }

  /** The alarms raised and not cleared, most severe first. */
  public Table activeAlarms(String locomotive, Integer tier) throws SQLException {
    return Table.query(dataSource, "SELECT l.name, a.raised, a.code, a.channel_index, a.tier, a.value_milli, "
        + "a.limit_milli, a.unit FROM alarm_active a JOIN locomotive l ON l.id = a.locomotive_id "
        + "WHERE (?::text IS NULL OR l.name = ?) AND (?::int IS NULL OR a.tier = ?) "
        + "ORDER BY a.tier DESC, a.raised DESC, l.name",
        List.of(Col.plain("locomotive"), Col.plain("raised"), Col.plain("code"), Col.plain("index"), Col.plain("tier"),
            Col.scaled("value", 3), Col.scaled("limit", 3), Col.plain("unit")),
        locomotive, locomotive, tier, tier);
  }

  /**
   * Alarm events in the range, newest first.
   *
   * @param event 1 raised, 2 cleared, 3 storm summary; null for all
   */
  public Table alarmEvents(String locomotive, Instant from, Instant to, Integer tier, Integer event, int limit)
      throws SQLException {
    return Table.query(dataSource, "SELECT l.name, a.time, CASE a.event WHEN 1 THEN 'RAISED' WHEN 2 THEN 'CLEARED' "
        + "WHEN 3 THEN 'STORM_SUMMARY' ELSE 'UNKNOWN' END, a.code, a.channel_index, a.tier, a.value_milli, "
        + "a.limit_milli, a.unit, a.suppressed, a.historical FROM alarm_event a JOIN locomotive l ON l.id = a.locomotive_id "
        + "WHERE a.time >= ? AND a.time < ? AND (?::text IS NULL OR l.name = ?) AND (?::int IS NULL OR a.tier = ?) "
        + "AND (?::int IS NULL OR a.event = ?) ORDER BY a.time DESC, l.name LIMIT ?",
        List.of(Col.plain("locomotive"), Col.plain("time"), Col.plain("event"), Col.plain("code"), Col.plain("index"),
            Col.plain("tier"), Col.scaled("value", 3), Col.scaled("limit", 3), Col.plain("unit"),
            Col.plain("suppressed"), Col.plain("historical")),
        ts(from), ts(to), locomotive, locomotive, tier, tier, event, event, limit);
  }

  /**
   * Gaps opened in the range, newest first.
   *
   * @param open true for open gaps only, false for closed only, null for both
   */
  public Table gaps(String locomotive, Instant from, Instant to, Boolean open) throws SQLException {
    return Table.query(dataSource, "SELECT l.name, to_hex(g.boot_id), g.first_seq, g.last_seq, "
        + "g.last_seq - g.first_seq + 1, g.missing, g.opened, g.closed FROM gap g "
        + "JOIN locomotive l ON l.id = g.locomotive_id WHERE g.opened >= ? AND g.opened < ? "
        + "AND (?::text IS NULL OR l.name = ?) AND (?::boolean IS NULL OR (g.closed IS NULL) = ?) "
        + "ORDER BY g.opened DESC, l.name",
        List.of(Col.plain("locomotive"), Col.plain("boot"), Col.plain("firstSequence"), Col.plain("lastSequence"),
            Col.plain("size"), Col.plain("missing"), Col.plain("opened"), Col.plain("closed")),
        ts(from), ts(to), locomotive, locomotive, open, open);
  }

  /** Trip summaries that started in the range, newest first. */
  public Table trips(String locomotive, Instant from, Instant to) throws SQLException {
    return Table.query(dataSource, "SELECT l.name, t.trip_id, t.start_time, t.end_time, t.distance_m, t.consumed_wh, "
        + "t.regenerated_wh, t.soc_start_pm, t.soc_end_pm, t.min_cell_temp_dc, t.max_cell_temp_dc, "
        + "t.max_motor_temp_dc, t.alarms, t.co2_avoided_g, t.diesel_ml, t.frames FROM trip t "
        + "JOIN locomotive l ON l.id = t.locomotive_id WHERE t.start_time >= ? AND t.start_time < ? "
        + "AND (?::text IS NULL OR l.name = ?) ORDER BY t.start_time DESC, l.name",
        List.of(Col.plain("locomotive"), Col.plain("trip"), Col.plain("start"), Col.plain("end"),
            Col.plain("distanceM"), Col.plain("consumedWh"), Col.plain("regeneratedWh"), Col.scaled("socStart", 1),
            Col.scaled("socEnd", 1), Col.scaled("minCellTempC", 1), Col.scaled("maxCellTempC", 1),
            Col.scaled("maxMotorTempC", 1), Col.plain("alarms"), Col.plain("co2AvoidedG"), Col.plain("dieselMl"),
            Col.plain("frames")),
        ts(from), ts(to), locomotive, locomotive);
  }

  /** True when the store knows the locomotive. */
  public boolean knows(String locomotive) throws SQLException {
    return !Table.query(dataSource, "SELECT id FROM locomotive WHERE name = ?", List.of(Col.plain("id")), locomotive)
        .rows().isEmpty();
  }

  private static Timestamp ts(Instant t) {
    return Timestamp.from(t);
  }
}
