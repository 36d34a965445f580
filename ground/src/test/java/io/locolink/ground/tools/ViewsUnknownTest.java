package io.locolink.ground.tools;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.framing.StreamKind;
import io.locolink.proto.v1.BatteryPack;
import io.locolink.proto.v1.BatteryState;
import io.locolink.proto.v1.CellPrediction;
import io.locolink.proto.v1.CellStats;
import io.locolink.proto.v1.Header;
import io.locolink.proto.v1.TelemetryFrame;
import io.locolink.proto.v1.TractionDrive;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The watch views show a value the frame does not know (no good reading, or not carried) as
 * "unknown", as the trip report does, and never as NaN. Expected lines are worked out by hand from the
 * frames written here and the views' column widths.
 */
class ViewsUnknownTest {

  /**
   * One sample: pack 712.80 V and no current; SoC 63.2 % (BMS 62.5 %); no good cell voltage or
   * temperature (the cell statistics are empty); drive 0 with no current or speed samples and its slow
   * values predicted from a frame the watch never saw; no wheel speed.
   */
  static byte[] frameWithUnknowns(String loco) {
    return TelemetryFrame.newBuilder()
        .setHeader(Header.newBuilder().setLocomotiveId(loco).setBootId(9).setSequence(5).setTimeUnixMs(1_780_000_000_000L))
        .addSampleOffsetMs(0)
        .setBattery(BatteryPack.newBuilder().addVoltageCvDelta(71_280).setBmsSocPermille(625)
            .setCellPrediction(CellPrediction.newBuilder().setReferenceBack(1).setKeyBack(5)))
        .setState(BatteryState.newBuilder().setSocPermille(632).setSohPermille(980).setCells(CellStats.getDefaultInstance()))
        .addDrives(TractionDrive.newBuilder().setIndex(0))
        .build().toByteArray();
  }

  private static FleetState.Loco loco(byte[] frame) {
    FleetState state = new FleetState();
    state.accept(new GroundSubscriber.Received("KZ9", StreamKind.TELEMETRY, frame, 0));
    return state.snapshot().get("KZ9");
  }

  @Test
  void thePanelShowsUnknownValuesAsUnknown() {
    String panel = Views.panel("KZ9", loco(frameWithUnknowns("KZ9")), 0);
    assertFalse(panel.contains("NaN"), panel);
    assertTrue(panel.contains("  Pack                 712.8 V   unknown A   unknown kW "), panel);
    assertTrue(panel.contains("  Cells              0 cells  min unknown  max unknown  mean unknown  spread unknown\n"),
        panel);
    assertTrue(panel.contains("  Temperatures       cells unknown degC\n"), panel);
    assertTrue(panel.contains("  Drive 0            unknown A  unknown rpm  winding unknown  bearing unknown"
        + "  inverter unknown degC\n"), panel);
    assertTrue(panel.contains("  Motion             unknown km/h  odometer 0.000 km"), panel);
    assertTrue(panel.contains("  State of charge     63.2 % estimate (+/- 0.0)    62.5 % BMS   SoH  98.0 %\n"), panel);
  }

  @Test
  void theTableShowsUnknownValuesAsUnknown() {
    String table = Views.table(Map.of("KZ9", loco(frameWithUnknowns("KZ9"))), 0);
    assertFalse(table.contains("NaN"), table);
    // SoC 63.2/62.5, pack V 712.8 in 8, current and power unknown in 8, cells unknown in 22, cell
    // temperatures unknown in 11, speed unknown in 7
    assertTrue(table.contains(" 63.2/ 62.5    712.8  unknown  unknown " + "unknown" + " ".repeat(15) + " unknown    "
        + " unknown "), table);
  }
}
