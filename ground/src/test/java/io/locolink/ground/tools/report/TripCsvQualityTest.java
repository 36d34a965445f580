package io.locolink.ground.tools.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.locolink.gateway.acquisition.ClockQuality;
import io.locolink.gateway.acquisition.DriveReadings;
import io.locolink.gateway.acquisition.QualityFlag;
import io.locolink.gateway.acquisition.Reading;
import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.estimation.CellStats;
import io.locolink.gateway.estimation.EnergyTotals;
import io.locolink.gateway.estimation.Estimates;
import io.locolink.gateway.framing.HeaderFields;
import io.locolink.gateway.framing.TelemetryFrameEncoder;
import io.locolink.testing.Snapshots;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A value the gateway flagged (a sensor it could not read) is exported with its flag, never as a
 * bare number: the design's "a failed read is a flagged sample, never a silent zero" holds in the
 * CSV that engineering opens in a spreadsheet.
 */
class TripCsvQualityTest {

  private static final Instant T0 = Instant.parse("2026-11-25T06:00:00Z");

  private static Snapshot withWindings(Reading winding) {
    Snapshot s = Snapshots.of(5_000_000_000L, T0, 3.30, 100.0, 12.5, 2);
    List<DriveReadings> drives = new ArrayList<>();
    for (DriveReadings d : s.drives()) {
      drives.add(new DriveReadings(d.index(), d.currentA(), d.speedRpm(), d.dcLinkV(), winding, d.bearingC(),
          d.inverterC(), d.coolantC()));
    }
    return new Snapshot(s.monotonicNanos(), s.utc(), s.clock(), s.pack(), drives, s.genset(), s.motion());
  }

  private static List<String> csvRows(Snapshot s) throws Exception {
    Estimates e = new Estimates(63.2, 2.0, 98.0, CellStats.of(s.pack()), 0, 0, 0, 0, 0, Optional.empty(), 0,
        List.of(), List.of(), EnergyTotals.zero(), true);
    List<TripData.Sample> samples = new ArrayList<>();
    TripData.decode(TelemetryFrameEncoder.encode(new HeaderFields("KZ1", 9, 1, T0, ClockQuality.SYNCED),
        List.of(s), e), samples);
    StringWriter csv = new StringWriter();
    TripCsv.write(new TripData(samples, List.of(), List.of(), Optional.empty(), false), csv);
    return csv.toString().lines().skip(1).toList();
  }

  private static String flags(String row) {
    String[] f = row.split(",", -1);
    return f[f.length - 1];
  }

  @Test
  void aStaleWindingTemperatureIsExportedWithItsFlag() throws Exception {
    // Both drives' winding sensors not read yet: the gateway sends 0 flagged STALE.
    List<String> rows = csvRows(withWindings(Reading.flagged(0, QualityFlag.STALE)));
    assertEquals(1, rows.size());
    assertEquals("winding_temperature[0..1] STALE", flags(rows.get(0)), rows.get(0));
    // and the flagged value is an empty field, unknown, not 0.0 (motor_winding_c, before the flags)
    String[] fields = rows.get(0).split(",", -1);
    assertEquals("", fields[fields.length - 2], rows.get(0));
  }

  @Test
  void aFrameWithoutFlagsHasAnEmptyFlagsField() throws Exception {
    List<String> rows = csvRows(withWindings(Reading.good(80)));
    assertEquals("", flags(rows.get(0)), rows.get(0));
  }
}
