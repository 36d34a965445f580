package io.locolink.ground.ingest;

import io.locolink.ground.store.AlarmRow;
import io.locolink.ground.store.EnergyRow;
import io.locolink.ground.store.TripRow;
import io.locolink.proto.v1.Alarm;
import io.locolink.proto.v1.EnergyRecord;
import io.locolink.proto.v1.TripSummary;

/** Energy records, alarms and trip summaries as store rows: the wire's integers, checked to fit. Stateless. */
final class Records {

  private static final int MAX_TEXT = 256;

  private Records() {}

  static EnergyRow energy(EnergyRecord r) {
    boolean located = r.hasLocation();
    return new EnergyRow(Math.multiplyExact(r.getPeriodEndUnixS(), 1000L), positive(r.getPeriodS()),
        unsigned(r.getConsumedWh()), unsigned(r.getRegeneratedWh()), unsigned(r.getDepotChargeWh()),
        unsigned(r.getGensetWh()), unsigned(r.getDieselMl()), r.getCo2TankToWheelG(), r.getCo2WellToWheelG(),
        r.getCo2AvoidedG(), r.getQualityWord(), located ? r.getLocation().getLatitudeE7() : null,
        located ? r.getLocation().getLongitudeE7() : null, r.getTimeStatusValue(), r.getEnergyStatusValue(),
        r.getLocationStatusValue(), text("consumption point", r.getConsumptionPointId()));
  }

  static AlarmRow alarm(Alarm a) {
    if (a.getCode().isEmpty()) {
      throw new IllegalArgumentException("alarm without a code");
    }
    return new AlarmRow(text("code", a.getCode()), a.getTierValue(), a.getEventValue(), a.getChannelValue(),
        positive(a.getIndex()), a.getValueMilli(), a.getLimitMilli(), text("unit", a.getUnit()),
        positive(a.getSuppressed()));
  }

  static TripRow trip(TripSummary t) {
    if (t.getTripId().isEmpty()) {
      throw new IllegalArgumentException("trip summary without a trip id");
    }
    return new TripRow(text("trip id", t.getTripId()), t.getStartUnixMs(), t.getEndUnixMs(),
        unsigned(t.getDistanceM()), unsigned(t.getConsumedWh()), unsigned(t.getRegeneratedWh()),
        positive(t.getSocStartPermille()), positive(t.getSocEndPermille()),
        t.hasMinCellTempDc() ? t.getMinCellTempDc() : null, t.hasMaxCellTempDc() ? t.getMaxCellTempDc() : null,
        t.hasMaxMotorTempDc() ? t.getMaxMotorTempDc() : null, positive(t.getAlarms()), t.getCo2AvoidedG(),
        unsigned(t.getDieselMl()), unsigned(t.getFrames()));
  }

  /** A uint32 that must fit a signed 32-bit column. */
  private static int positive(int uint32) {
    if (uint32 < 0) {
      throw new IllegalArgumentException("value " + Integer.toUnsignedString(uint32) + " out of range");
    }
    return uint32;
  }

  /** A uint64 that must fit a signed 64-bit column. */
  private static long unsigned(long uint64) {
    if (uint64 < 0) {
      throw new IllegalArgumentException("value " + Long.toUnsignedString(uint64) + " out of range");
    }
    return uint64;
  }

  /** Text for a column: no NUL (PostgreSQL text cannot hold it), at most 256 characters. */
  private static String text(String what, String s) {
    if (s.indexOf('\0') >= 0 || s.length() > MAX_TEXT) {
      throw new IllegalArgumentException(what + " has a NUL character or is longer than " + MAX_TEXT);
    }
    return s;
  }
}
