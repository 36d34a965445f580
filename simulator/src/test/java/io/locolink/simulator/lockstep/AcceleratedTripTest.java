package io.locolink.simulator.lockstep;

import static io.locolink.simulator.testing.LocolinkCli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.config.LocoLinkConfig;
import io.locolink.gateway.estimation.EnergyPeriod;
import io.locolink.ground.tools.report.TripData;
import io.locolink.proto.v1.TripSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trip run at 100x in lockstep says what its frames and energy records say: its energy is the
 * estimator's, so it lies between the energy records wholly inside the trip and those overlapping
 * it (within one period's worth), it equals the energy of the pack power its logged frames carry
 * (within the samples at the edges that no logged frame holds), its SoC at start is the estimator's
 * seeded value the first logged frame shows, and the trip report renders those figures.
 */
class AcceleratedTripTest {

  @Test
  void aTripSummaryAgreesWithItsRecordsAndFramesAndTheReportShowsIt(@TempDir Path dir) throws Exception {
    // the yard shift: 900 s of shunting with pauses, then standing with the key on; 600 s standing
    // ends the trip
    LocoLinkConfig cfg = LockstepRun.config(AcceleratedTimeTest.YARD, dir.resolve("state"),
        "trips: {idleGapS: 600, flushIntervalS: 1}");
    LockstepRun run = LockstepRun.run(AcceleratedTimeTest.YARD, cfg, 100,
        AcceleratedTimeTest.START.plusSeconds(1560));
    assertTrue(!run.trips().isEmpty(), "a trip ended");
    TripSummary trip = run.trips().get(0);
    Instant start = Instant.ofEpochMilli(trip.getStartUnixMs());
    Instant end = Instant.ofEpochMilli(trip.getEndUnixMs());
    assertTrue(end.isAfter(start.plusSeconds(600)), "the trip spans whole energy periods: " + start + " to " + end);

    long insideWh = 0;
    long overlappingWh = 0;
    int overlapping = 0;
    for (EnergyPeriod e : run.energy()) {
      Instant from = e.periodEnd().minusSeconds(e.periodS());
      if (from.isBefore(end) && e.periodEnd().isAfter(start)) {
        overlapping++;
        overlappingWh += e.consumedWh();
        if (!from.isBefore(start) && !e.periodEnd().isAfter(end)) {
          insideWh += e.consumedWh();
        }
      }
    }
    System.out.printf("trip %s: consumed %d Wh; records inside %d Wh, overlapping %d Wh (%d records)%n",
        trip.getTripId(), trip.getConsumedWh(), insideWh, overlappingWh, overlapping);
    assertTrue(insideWh > 0, "whole periods lie inside the trip");
    // each record is whole watt-hours, floored: 1 Wh per record either way
    assertTrue(trip.getConsumedWh() >= insideWh - overlapping && trip.getConsumedWh() <= overlappingWh + overlapping,
        "summary " + trip.getConsumedWh() + " Wh between " + insideWh + " and " + overlappingWh + " Wh");

    Path log = cfg.stateDir().resolve("trips").resolve(trip.getTripId() + ".llt");
    TripData data = TripData.read(log);
    double samplePeriodS = cfg.framing().samplePeriodNanos() / 1e9;
    double framesWh = 0;
    double maxW = 0;
    for (TripData.Sample s : data.samples()) {
      double w = s.packV() * s.packA();
      framesWh += Math.max(w, 0) * samplePeriodS / 3600;
      maxW = Math.max(maxW, Math.abs(w));
    }
    long firstSampleMs = data.samples().get(0).unixMs();
    long lastSampleMs = data.samples().get(data.samples().size() - 1).unixMs();
    // the summary counts from the trip's first cycle to its last; the frames logged cover less:
    // the frame in progress at the start and at the end is not in the log
    double edgeS = (firstSampleMs - trip.getStartUnixMs() + trip.getEndUnixMs() - lastSampleMs) / 1000.0 + samplePeriodS;
    double edgeWh = maxW * edgeS / 3600;
    System.out.printf("frames: %.1f Wh over %d samples; edges %.1f s, at most %.1f Wh%n", framesWh,
        data.samples().size(), edgeS, edgeWh);
    // the frames carry the pack's voltage at 10 mV and current at 0.1 A: well under 0.1 % of the energy
    assertEquals(framesWh, trip.getConsumedWh(), edgeWh + 0.001 * framesWh + 1, "summary against its frames");

    double firstFrameSoc = data.samples().get(0).socPercent();
    System.out.printf("SoC start %.1f %%, first frame %.2f %%%n", trip.getSocStartPermille() / 10.0, firstFrameSoc);
    // the summary's permille against the frame's value, one frame (1 s) of charge apart
    assertEquals(firstFrameSoc, trip.getSocStartPermille() / 10.0, 0.1, "SoC start is the first frame's");
    assertTrue(Math.abs(trip.getSocStartPermille() / 10.0 - 50) > 5, "a seeded SoC, not the 50 % guess");

    Path html = dir.resolve("trip.html");
    run("report", log.toString(), "--out", html.toString());
    String page = Files.readString(html);
    assertTrue(page.contains(String.format(Locale.ROOT, "%.1f kWh", trip.getConsumedWh() / 1000.0)), "energy in the report");
    assertTrue(page.contains(String.format(Locale.ROOT, "%.1f %% / %.1f %%", trip.getSocStartPermille() / 10.0,
        trip.getSocEndPermille() / 10.0)), "SoC start and end in the report");
    assertTrue(!page.contains("whose time did not advance"), "every sample's time advances");
    assertTrue(data.samples().stream().allMatch(TripData.Sample::timeAdvances), "no flagged sample time");

    Path csv = dir.resolve("trip.csv");
    run("export", log.toString(), "--csv", csv.toString());
    List<String> rows = Files.readAllLines(csv).subList(1, data.samples().size() + 1);
    double previous = -1;
    for (String row : rows) {
      double t = Double.parseDouble(row.split(",")[1]);
      assertTrue(t > previous, "CSV time advances: " + row);
      previous = t;
    }
    double topSpeed = data.samples().stream().mapToDouble(TripData.Sample::speedKmh).max().orElseThrow();
    assertTrue(topSpeed <= AcceleratedTimeTest.SPEED_LIMIT_KMH * 1.01 + 0.1, "top speed in the log " + topSpeed);
  }
}
