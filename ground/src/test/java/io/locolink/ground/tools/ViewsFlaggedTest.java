package io.locolink.ground.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.acquisition.ClockQuality;
import io.locolink.gateway.acquisition.DriveReadings;
import io.locolink.gateway.acquisition.MotionReadings;
import io.locolink.gateway.acquisition.PackReadings;
import io.locolink.gateway.acquisition.QualityFlag;
import io.locolink.gateway.acquisition.Reading;
import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.estimation.CellStats;
import io.locolink.gateway.estimation.EnergyTotals;
import io.locolink.gateway.estimation.Estimates;
import io.locolink.gateway.framing.HeaderFields;
import io.locolink.gateway.framing.StreamKind;
import io.locolink.gateway.framing.TelemetryFrameEncoder;
import io.locolink.proto.v1.Channel;
import io.locolink.proto.v1.ChannelQuality;
import io.locolink.proto.v1.TelemetryFrame;
import io.locolink.testing.Snapshots;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A value the frame carries but flags as bad is shown by watch as "unknown", as the trip report does,
 * never as a plain number an engineer would take for a good reading. The frames are the gateway's own
 * encoding of readings with flags; the expected lines are worked out by hand from those readings and
 * the views' column widths.
 */
class ViewsFlaggedTest {

  private static final Instant T0 = Instant.parse("2026-11-25T06:00:00Z");

  /**
   * The reference pack at 3.30 V a cell (216 cells: 712.8 V), 100 A out, 12.5 km/h, two drives of
   * 50 A at 500 rpm (12.5 km/h x 40), windings 80 and 81 degC, bearings 45, inverters 55; BMS SoC 62.5 %,
   * insulation 2500 kOhm. Flagged: the pack current (stale), the BMS (timeout) and drive 1's winding
   * alone (out of range: a single index, which the wire carries with count 0). The wheel speed carries
   * only the unsynced-clock flag, which is about its time, not its value: it stays a reading.
   */
  static byte[] flaggedFrame() {
    Snapshot s = Snapshots.of(5_000_000_000L, T0, 3.30, 100.0, 12.5, 2);
    PackReadings p = s.pack();
    PackReadings pack = new PackReadings(p.voltageV(), Reading.flagged(100.0, QualityFlag.STALE), p.cellVoltagesV(),
        p.cellVoltageFlags(), p.cellTemperaturesC(), p.cellTemperatureFlags(),
        Reading.flagged(62.5, QualityFlag.TIMEOUT), Reading.flagged(98.0, QualityFlag.TIMEOUT), p.insulationKohm(),
        p.contactor(), p.balancing(), p.stringsParallel());
    DriveReadings d1 = s.drives().get(1);
    List<DriveReadings> drives = List.of(s.drives().get(0), new DriveReadings(1, d1.currentA(), d1.speedRpm(),
        d1.dcLinkV(), Reading.flagged(81, QualityFlag.OUT_OF_RANGE), d1.bearingC(), d1.inverterC(), d1.coolantC()));
    MotionReadings m = s.motion();
    MotionReadings motion = new MotionReadings(Reading.flagged(12.5, QualityFlag.UNSYNCED_CLOCK), m.odometerM(),
        m.fix(), m.keyOn());
    Snapshot flagged = new Snapshot(s.monotonicNanos(), s.utc(), ClockQuality.SYNCED, pack, drives, s.genset(),
        motion);
    Estimates e = new Estimates(63.2, 2.0, 98.0, CellStats.of(pack), 0, 0, 0, 0, 0, Optional.empty(), 0,
        List.of(), List.of(), EnergyTotals.zero(), true);
    TelemetryFrame frame = TelemetryFrameEncoder.encode(new HeaderFields("KZ1", 9, 1, T0, ClockQuality.SYNCED),
        List.of(flagged), e);
    ChannelQuality winding = frame.getQualityList().stream()
        .filter(q -> q.getChannel() == Channel.CHANNEL_WINDING_TEMPERATURE).findFirst().orElseThrow();
    assertEquals(1, winding.getIndex(), "drive 1's winding");
    assertEquals(0, winding.getCount(), "one index: the wire's count 0");
    return frame.toByteArray();
  }

  private static FleetState.Loco loco(byte[] frame) {
    FleetState state = new FleetState();
    state.accept(new GroundSubscriber.Received("KZ1", StreamKind.TELEMETRY, frame, 0));
    return state.snapshot().get("KZ1");
  }

  @Test
  void thePanelShowsFlaggedValuesAsUnknown() {
    String panel = Views.panel("KZ1", loco(flaggedFrame()), 0);
    // labels are 18 wide after two spaces; pack V in 7, current and power in 8, no power, no direction
    assertTrue(panel.contains("  Pack                 712.8 V   unknown A   unknown kW " + " ".repeat(13)
        + "   contactor CLOSED   insulation 2500 kOhm\n"), panel);
    assertTrue(panel.contains("  State of charge     63.2 % estimate (+/- 2.0)   unknown % BMS   SoH  98.0 %\n"),
        panel);
    // current in 7, rpm in 6, temperatures in 5: drive 0 is good, drive 1 only its winding flagged
    assertTrue(panel.contains("  Drive 0               50.0 A     500 rpm  winding  80.0  bearing  45.0  inverter  55.0"
        + " degC\n"), panel);
    assertTrue(panel.contains("  Drive 1               50.0 A     500 rpm  winding unknown  bearing  45.0  inverter"
        + "  55.0 degC\n"), panel);
    assertTrue(panel.contains("  Motion               12.5 km/h  "), panel);
    // and which channels the frame flagged, with their flags
    assertTrue(panel.contains("pack_current[0] STALE"), panel);
    assertTrue(panel.contains("winding_temperature[1] OUT_OF_RANGE"), panel);
  }

  @Test
  void theTableShowsFlaggedValuesAsUnknown() {
    String table = Views.table(Map.of("KZ1", loco(flaggedFrame())), 0);
    // SoC estimate 63.2 / BMS flagged, pack 712.8 V in 8, current and power flagged in 8, every cell at
    // 3.300 V (the highest the first, cell 0) in 22, temperatures 25.0 in 5 each, speed 12.5 in 7
    assertTrue(table.contains("KZ1            online     0s  63.2/unknown    712.8  unknown  unknown "
        + " 3.300.. 3.300 (  0)    25.0.. 25.0    12.5 "), table);
    assertFalse(table.contains("100.0"), "the flagged current is not shown: " + table);
  }

  @Test
  void aFrameWithoutFlagsShowsItsReadings() {
    Snapshot s = Snapshots.of(5_000_000_000L, T0, 3.30, 100.0, 12.5, 2);
    Estimates e = new Estimates(63.2, 2.0, 98.0, CellStats.of(s.pack()), 0, 0, 0, 0, 0, Optional.empty(), 0,
        List.of(), List.of(), EnergyTotals.zero(), true);
    byte[] frame = TelemetryFrameEncoder.encode(new HeaderFields("KZ1", 9, 1, T0, ClockQuality.SYNCED), List.of(s), e)
        .toByteArray();
    String table = Views.table(Map.of("KZ1", loco(frame)), 0);
    // 712.8 V x 100.0 A = 71.28 kW
    assertTrue(table.contains(" 63.2/ 62.5    712.8    100.0     71.3 "), table);
    assertFalse(table.contains(Views.UNKNOWN), table);
  }
}
