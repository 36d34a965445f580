package io.locolink.ground.tools.report;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.Locale;

/**
 * Writes a trip's fast samples as CSV (RFC 4180, comma separated, '.' decimal point, UTC ISO-8601
 * times, header row with units), one row per fast sample. A sample whose time does not advance is
 * written with empty time fields and {@code time_not_advancing} in {@code flags}, so the time
 * column never stands still or goes backwards. A sample of a frame that flagged channels (a value
 * the gateway could not read or did not trust) names them in {@code flags}, and the values they
 * flagged are empty fields, unknown ({@link TripData}), so a flagged value is never taken for a
 * reading. Stateless.
 */
public final class TripCsv {

  static final String HEADER = "utc,time_s,distance_m,speed_kmh,pack_v,pack_a,power_kw,soc_pct,cell_min_mv,"
      + "cell_max_mv,cell_spread_mv,cell_temp_min_c,cell_temp_max_c,motor_winding_c,flags";

  private TripCsv() {}

  /** Writes the header and one row per sample; flushes, does not close. */
  public static void write(TripData trip, Writer out) throws IOException {
    out.write(HEADER);
    out.write("\r\n");
    long t0 = trip.samples().isEmpty() ? 0 : trip.samples().get(0).unixMs();
    double odo0 = trip.samples().isEmpty() ? 0 : trip.samples().get(0).odometerM();
    for (TripData.Sample s : trip.samples()) {
      if (s.timeAdvances()) {
        out.write(Instant.ofEpochMilli(s.unixMs()).toString());
        out.write(String.format(Locale.ROOT, ",%.1f", (s.unixMs() - t0) / 1000.0));
      } else {
        out.write(",");
      }
      out.write(String.format(Locale.ROOT, ",%.0f,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\r\n",
          s.odometerM() - odo0, n(s.speedKmh(), 2), n(s.packV(), 2), n(s.packA(), 1),
          n(s.powerKw(), 2), n(s.socPercent(), 1), n(s.cellMinMv(), 0), n(s.cellMaxMv(), 0), n(s.cellSpreadMv(), 0),
          n(s.cellTempMinC(), 1), n(s.cellTempMaxC(), 1), n(s.motorTempC(), 1), flags(s)));
    }
    out.flush();
  }

  /** The frame's flagged channels and, for a sample whose time does not advance, {@code time_not_advancing}. */
  private static String flags(TripData.Sample s) {
    String time = s.timeAdvances() ? "" : "time_not_advancing";
    return s.quality().isEmpty() ? time : time.isEmpty() ? s.quality() : s.quality() + "; " + time;
  }

  /** A number with {@code decimals} places, or an empty field when it is not known. */
  private static String n(double v, int decimals) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "";
  }
}
