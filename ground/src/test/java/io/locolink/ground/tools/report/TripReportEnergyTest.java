package io.locolink.ground.tools.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.proto.v1.EnergyRecord;
import io.locolink.proto.v1.TripSummary;
import io.locolink.testing.SyntheticTrip;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The report's two energy figures for one trip, the summary's (start to end) and the energy records'
 * (whole 5-minute periods), each say what they count, and the page says why they differ.
 */
class TripReportEnergyTest {

  @Test
  void theEnergyBarsSayWhichPeriodsTheyAddUpBesideTheTripsOwnFigure() {
    // a trip from 06:02:30 to 06:21:10; the records that closed in it end at 06:05, 06:10, 06:15
    // and 06:20, so they cover 06:00 to 06:20: 2.5 min before the trip, not its last 1 min 10 s
    Instant start = Instant.parse("2026-11-20T06:02:30Z");
    Instant end = Instant.parse("2026-11-20T06:21:10Z");
    List<EnergyRecord> energy = List.of(
        SyntheticTrip.energy(Instant.parse("2026-11-20T06:05:00Z"), 1_000, 100, 0),
        SyntheticTrip.energy(Instant.parse("2026-11-20T06:10:00Z"), 2_000, 100, 0),
        SyntheticTrip.energy(Instant.parse("2026-11-20T06:15:00Z"), 3_000, 100, 0),
        SyntheticTrip.energy(Instant.parse("2026-11-20T06:20:00Z"), 4_000, 100, 0));
    TripSummary summary = TripSummary.newBuilder().setTripId("20261120T060230Z-0001")
        .setStartUnixMs(start.toEpochMilli()).setEndUnixMs(end.toEpochMilli())
        .setConsumedWh(9_400).setRegeneratedWh(400).build();
    String html = TripReport.render("trip", new TripData(List.of(sample(start), sample(end)), energy, List.of(),
        Optional.of(summary), false));

    // the bars: 1 + 2 + 3 + 4 kWh = 10.0 kWh consumed, 4 x 0.1 = 0.4 kWh regenerated
    assertTrue(html.contains(">10.0 kWh</text>"), "the consumed bar");
    assertTrue(html.contains("<th>Energy consumed, start to end</th><td>9.4 kWh</td>"), "the summary's figure, labelled");
    assertTrue(html.contains("<th>Energy regenerated, start to end</th><td>0.4 kWh</td>"), html);
    assertTrue(html.contains("The bars add up the 4 energy record(s) that closed during the trip: whole periods from"
        + " 2026-11-20T06:00:00Z to 2026-11-20T06:20:00Z."), "the records' span");
    assertTrue(html.contains("The trip ran from 2026-11-20T06:02:30Z to 2026-11-20T06:21:10Z: the bars include energy"
        + " from before its start and leave out the period in progress at its end, so they differ from the trip's"
        + " own 9.4 kWh consumed and 0.4 kWh regenerated above"), "why the two figures differ");
  }

  @Test
  void aTripOnPeriodBoundariesNeedsNoExcuse() {
    Instant start = Instant.parse("2026-11-20T06:00:00Z");
    Instant end = Instant.parse("2026-11-20T06:10:00Z");
    List<EnergyRecord> energy = List.of(SyntheticTrip.energy(Instant.parse("2026-11-20T06:05:00Z"), 1_000, 0, 0),
        SyntheticTrip.energy(end, 2_000, 0, 0));
    TripSummary summary = TripSummary.newBuilder().setStartUnixMs(start.toEpochMilli())
        .setEndUnixMs(end.toEpochMilli()).setConsumedWh(3_000).build();
    String html = TripReport.render("trip", new TripData(List.of(sample(start), sample(end)), energy, List.of(),
        Optional.of(summary), false));
    assertTrue(html.contains("whole periods from 2026-11-20T06:00:00Z to 2026-11-20T06:10:00Z."), "the span");
    assertFalse(html.contains("differ from the trip's own"), "the records cover the trip exactly");
  }

  private static TripData.Sample sample(Instant at) {
    return new TripData.Sample(at.toEpochMilli(), 0, 0, 700, 100, 80, 3_300, 3_310, 20, 21, 40, true);
  }
}
