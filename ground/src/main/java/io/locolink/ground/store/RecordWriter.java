package io.locolink.ground.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Writes energy records, alarm events (and the active alarms) and trip summaries, inside the batch's transaction. */
final class RecordWriter {

  private RecordWriter() {}

  static void energy(Connection c, List<Incoming> fresh, Map<String, Integer> idOf) throws SQLException {
    List<Incoming> records = of(fresh, EnergyRow.class);
    if (records.isEmpty()) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement("INSERT INTO energy_record (period_end, boot_id, sequence, "
        + "consumed_wh, regenerated_wh, depot_charge_wh, genset_wh, diesel_ml, co2_tank_to_wheel_g, "
        + "co2_well_to_wheel_g, co2_avoided_g, locomotive_id, period_s, quality_word, latitude_e7, longitude_e7, "
        + "time_status, energy_status, location_status, historical, consumption_point) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
        + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      for (Incoming m : records) {
        EnergyRow r = (EnergyRow) m.content();
        s.setTimestamp(1, new Timestamp(r.periodEndMs()));
        s.setLong(2, m.bootId());
        s.setLong(3, m.sequence());
        s.setLong(4, r.consumedWh());
        s.setLong(5, r.regeneratedWh());
        s.setLong(6, r.depotChargeWh());
        s.setLong(7, r.gensetWh());
        s.setLong(8, r.dieselMl());
        s.setLong(9, r.co2TankToWheelG());
        s.setLong(10, r.co2WellToWheelG());
        s.setLong(11, r.co2AvoidedG());
        s.setInt(12, idOf.get(m.locomotive()));
        s.setInt(13, r.periodS());
        s.setInt(14, r.qualityWord());
        s.setObject(15, r.latitudeE7(), Types.INTEGER);
        s.setObject(16, r.longitudeE7(), Types.INTEGER);
        s.setShort(17, (short) r.timeStatus());
        s.setShort(18, (short) r.energyStatus());
        s.setShort(19, (short) r.locationStatus());
        s.setBoolean(20, m.historical());
        s.setString(21, r.consumptionPoint());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  static void alarms(Connection c, List<Incoming> fresh, Map<String, Integer> idOf) throws SQLException {
    List<Incoming> events = of(fresh, AlarmRow.class);
    if (events.isEmpty()) {
      return;
    }
    events.sort(Comparator.comparingLong(Incoming::timeMs));
    try (PreparedStatement s = c.prepareStatement("INSERT INTO alarm_event (time, boot_id, sequence, value_milli, "
        + "limit_milli, locomotive_id, channel_index, suppressed, tier, event, channel, historical, code, unit) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement raise = c.prepareStatement("INSERT INTO alarm_active (locomotive_id, code, channel_index, "
            + "raised, tier, value_milli, limit_milli, unit) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (locomotive_id, code, channel_index) DO UPDATE SET raised = excluded.raised, "
            + "tier = excluded.tier, value_milli = excluded.value_milli, limit_milli = excluded.limit_milli, "
            + "unit = excluded.unit WHERE alarm_active.raised <= excluded.raised");
        PreparedStatement clear = c.prepareStatement("DELETE FROM alarm_active WHERE locomotive_id = ? AND code = ? "
            + "AND channel_index = ? AND raised <= ?")) {
      for (Incoming m : events) {
        AlarmRow a = (AlarmRow) m.content();
        int loco = idOf.get(m.locomotive());
        Timestamp time = new Timestamp(m.timeMs());
        s.setTimestamp(1, time);
        s.setLong(2, m.bootId());
        s.setLong(3, m.sequence());
        s.setLong(4, a.valueMilli());
        s.setLong(5, a.limitMilli());
        s.setInt(6, loco);
        s.setInt(7, a.channelIndex());
        s.setInt(8, a.suppressed());
        s.setShort(9, (short) a.tier());
        s.setShort(10, (short) a.event());
        s.setShort(11, (short) a.channel());
        s.setBoolean(12, m.historical());
        s.setString(13, a.code());
        s.setString(14, a.unit());
        s.addBatch();
        // Applied one by one in time order: a raise and its clear may share the batch.
        if (a.event() == AlarmRow.RAISED) {
          raise.setInt(1, loco);
          raise.setString(2, a.code());
          raise.setInt(3, a.channelIndex());
          raise.setTimestamp(4, time);
          raise.setShort(5, (short) a.tier());
          raise.setLong(6, a.valueMilli());
          raise.setLong(7, a.limitMilli());
          raise.setString(8, a.unit());
          raise.executeUpdate();
        } else if (a.event() == AlarmRow.CLEARED) {
          clear.setInt(1, loco);
          clear.setString(2, a.code());
          clear.setInt(3, a.channelIndex());
          clear.setTimestamp(4, time);
          clear.executeUpdate();
        }
      }
      s.executeBatch();
    }
  }

  static void trips(Connection c, List<Incoming> fresh, Map<String, Integer> idOf) throws SQLException {
    List<Incoming> trips = of(fresh, TripRow.class);
    if (trips.isEmpty()) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement("INSERT INTO trip (locomotive_id, trip_id, start_time, end_time, "
        + "distance_m, consumed_wh, regenerated_wh, co2_avoided_g, diesel_ml, frames, soc_start_pm, soc_end_pm, "
        + "min_cell_temp_dc, max_cell_temp_dc, max_motor_temp_dc, alarms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        + "?, ?, ?, ?) ON CONFLICT (locomotive_id, trip_id) DO UPDATE SET start_time = excluded.start_time, "
        + "end_time = excluded.end_time, distance_m = excluded.distance_m, consumed_wh = excluded.consumed_wh, "
        + "regenerated_wh = excluded.regenerated_wh, co2_avoided_g = excluded.co2_avoided_g, "
        + "diesel_ml = excluded.diesel_ml, frames = excluded.frames, soc_start_pm = excluded.soc_start_pm, "
        + "soc_end_pm = excluded.soc_end_pm, min_cell_temp_dc = excluded.min_cell_temp_dc, "
        + "max_cell_temp_dc = excluded.max_cell_temp_dc, max_motor_temp_dc = excluded.max_motor_temp_dc, "
        + "alarms = excluded.alarms")) {
      for (Incoming m : trips) {
        TripRow t = (TripRow) m.content();
        s.setInt(1, idOf.get(m.locomotive()));
        s.setString(2, t.tripId());
        s.setTimestamp(3, new Timestamp(t.startMs()));
        s.setTimestamp(4, new Timestamp(t.endMs()));
        s.setLong(5, t.distanceM());
        s.setLong(6, t.consumedWh());
        s.setLong(7, t.regeneratedWh());
        s.setLong(8, t.co2AvoidedG());
        s.setLong(9, t.dieselMl());
        s.setLong(10, t.frames());
        s.setInt(11, t.socStartPm());
        s.setInt(12, t.socEndPm());
        s.setObject(13, t.minCellTempDc(), Types.INTEGER);
        s.setObject(14, t.maxCellTempDc(), Types.INTEGER);
        s.setObject(15, t.maxMotorTempDc(), Types.INTEGER);
        s.setInt(16, t.alarms());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private static List<Incoming> of(List<Incoming> fresh, Class<? extends Incoming.Content> type) {
    List<Incoming> out = new ArrayList<>();
    for (Incoming m : fresh) {
      if (type.isInstance(m.content())) {
        out.add(m);
      }
    }
    return out;
  }
}
