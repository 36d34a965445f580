package io.locolink.ground.tools.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A log whose sample times stand still or go back (a clock that jumped) is shown honestly: those
 * samples are flagged, exported without a time and left out of the charts, and the time column
 * only ever increases.
 */
class TripTimeFlagTest {

  static final long T0 = Instant.parse("2026-11-20T06:00:00Z").toEpochMilli();

  private static TripData.Sample at(long unixMs, double speedKmh) {
    return new TripData.Sample(unixMs, 0, speedKmh, 700, 10, 80, 3300, 3310, 20, 22, 60, true);
  }

  @Test
  void samplesWhoseTimeDoesNotAdvanceAreFlaggedNotRepeated() throws Exception {
    // 0.0 s, 0.1 s, 0.1 s again, 50.0 s, 20.0 s (back), 50.1 s
    List<TripData.Sample> raw = List.of(at(T0, 1), at(T0 + 100, 2), at(T0 + 100, 3), at(T0 + 50_000, 4),
        at(T0 + 20_000, 5), at(T0 + 50_100, 6));
    TripData trip = new TripData(TripData.flagTime(raw), List.of(), List.of(), Optional.empty(), false);

    assertEquals(List.of(true, true, false, true, false, true),
        trip.samples().stream().map(TripData.Sample::timeAdvances).toList());
    assertEquals(List.of(1.0, 2.0, 4.0, 6.0), trip.timedSamples().stream().map(TripData.Sample::speedKmh).toList());

    StringWriter csv = new StringWriter();
    TripCsv.write(trip, csv);
    List<String> rows = csv.toString().lines().skip(1).toList();
    assertEquals(6, rows.size(), "no sample dropped");
    List<Double> times = new ArrayList<>();
    int flagged = 0;
    for (String row : rows) {
      String[] f = row.split(",", -1);
      if (f[f.length - 1].equals("time_not_advancing")) {
        flagged++;
        assertEquals("", f[0] + f[1], "a flagged sample has no time: " + row);
      } else {
        times.add(Double.parseDouble(f[1]));
      }
    }
    assertEquals(2, flagged);
    assertEquals(List.of(0.0, 0.1, 50.0, 50.1), times, "the time column only increases");

    String html = TripReport.render("T", trip);
    assertTrue(html.contains("2 sample(s) whose time did not advance"), "the report says so");
  }
}
