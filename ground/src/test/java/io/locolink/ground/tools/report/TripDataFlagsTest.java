package io.locolink.ground.tools.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.framing.DecodedFrame;
import io.locolink.gateway.framing.TelemetryFrameDecoder;
import io.locolink.proto.v1.BatteryPack;
import io.locolink.proto.v1.BatteryState;
import io.locolink.proto.v1.CellPrediction;
import io.locolink.proto.v1.CellStats;
import io.locolink.proto.v1.Channel;
import io.locolink.proto.v1.ChannelQuality;
import io.locolink.proto.v1.Header;
import io.locolink.proto.v1.TelemetryFrame;
import io.locolink.proto.v1.TractionDrive;
import io.locolink.proto.v1.TripSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A trip report and export use only the values the gateway vouches for: a value whose channel the
 * frame's quality entries flag is unknown (NaN), extremes are taken over the good cells and drives,
 * and the report says where values were unknown. Expected values are worked out by hand from the
 * frames written here.
 */
class TripDataFlagsTest {

  /** Quality masks, 1 << the wire's QualityFlag number. */
  private static final int TIMEOUT = 1 << 2;
  private static final int OUT_OF_RANGE = 1 << 4;
  private static final int STALE = 1 << 7;
  private static final int UNSYNCED_CLOCK = 1 << 10;

  private static ChannelQuality flag(Channel channel, int index, int count, int mask) {
    return ChannelQuality.newBuilder().setChannel(channel).setIndex(index).setCount(count).setFlags(mask).build();
  }

  private static TractionDrive winding(int index, int windingDc) {
    return TractionDrive.newBuilder().setIndex(index).setDcLinkDv(6500).setWindingTempDc(windingDc).build();
  }

  /** Two samples: pack 700.00 then 700.10 V, 100.0 then 110.0 A, 12.00 then 12.50 km/h. */
  private static TelemetryFrame.Builder frame() {
    return TelemetryFrame.newBuilder().setHeader(Header.newBuilder().setTimeUnixMs(1_000_000))
        .addSampleOffsetMs(0).addSampleOffsetMs(500)
        .setBattery(BatteryPack.newBuilder().addVoltageCvDelta(70_000).addVoltageCvDelta(10)
            .addCurrentDaDelta(1000).addCurrentDaDelta(100))
        .setMotion(io.locolink.proto.v1.Motion.newBuilder().addSpeedCmhDelta(1200).addSpeedCmhDelta(50));
  }

  private static List<TripData.Sample> decode(TelemetryFrame.Builder f) {
    List<TripData.Sample> out = new ArrayList<>();
    TripData.decode(f.build(), out);
    assertEquals(2, out.size());
    return out;
  }

  @Test
  void theExtremesAreThoseOfTheGoodCellsAndDrives() {
    // cells 3.301, 3.296, 3.879, 3.305, 3.299 V: cell 2 drifted more than 0.3 V from the others and is
    // flagged out of range; sensors 25.1, 24.8, 0.0, 26.2 degC: sensor 2 stale at 0.0; drive 0's
    // winding reads 123.4 degC out of range, drive 1's 85.3 degC; drive 2's is flagged for the clock only
    List<TripData.Sample> out = decode(frame()
        .setBattery(frame().getBatteryBuilder().addCellMvDelta(3301).addCellMvDelta(-5).addCellMvDelta(583)
            .addCellMvDelta(-574).addCellMvDelta(-6)
            .addCellTempDcDelta(251).addCellTempDcDelta(-3).addCellTempDcDelta(-248).addCellTempDcDelta(262))
        .addDrives(winding(0, 1234)).addDrives(winding(1, 853)).addDrives(winding(2, 801))
        .addQuality(flag(Channel.CHANNEL_CELL_VOLTAGE, 2, 1, OUT_OF_RANGE))
        .addQuality(flag(Channel.CHANNEL_CELL_TEMPERATURE, 2, 1, STALE))
        .addQuality(flag(Channel.CHANNEL_WINDING_TEMPERATURE, 0, 1, OUT_OF_RANGE))
        .addQuality(flag(Channel.CHANNEL_WINDING_TEMPERATURE, 2, 1, UNSYNCED_CLOCK)));
    for (TripData.Sample s : out) {
      assertEquals(3296, s.cellMinMv());
      assertEquals(3305, s.cellMaxMv());
      assertEquals(9, s.cellSpreadMv());
      assertEquals(24.8, s.cellTempMinC());
      assertEquals(26.2, s.cellTempMaxC());
      assertEquals(85.3, s.motorTempC());
    }
  }

  /** Cells 3.301, 3.296, 3.879, 3.305, 3.299 V. */
  private static TelemetryFrame.Builder fiveCells() {
    return frame().setBattery(frame().getBatteryBuilder().addCellMvDelta(3301).addCellMvDelta(-5)
        .addCellMvDelta(583).addCellMvDelta(-574).addCellMvDelta(-6));
  }

  /** {@code d} with {@code quality} as its quality entries. */
  private static DecodedFrame withQuality(DecodedFrame d, List<DecodedFrame.Quality> quality) {
    return new DecodedFrame(d.locomotiveId(), d.bootId(), d.sequence(), d.timeUnixMs(), d.clock(), d.historical(),
        d.spanMs(), d.sampleOffsetMs(), d.packVoltageV(), d.packCurrentA(), d.cellVoltagesV(), d.cellTemperaturesC(),
        d.bmsSocPercent(), d.bmsSohPercent(), d.insulationKohm(), d.contactor(), d.drives(), d.genset(), d.speedKmh(),
        d.odometerM(), d.position(), d.state(), quality, d.cells());
  }

  @Test
  void aQualityEntryWithACountOfZeroFlagsItsOneCell() {
    // the wire's count 0 means just the entry's index (common.proto); cell 2 (3.879 V) is flagged, so
    // the extremes are those of 3.301, 3.296, 3.305, 3.299 V
    DecodedFrame d = withQuality(TelemetryFrameDecoder.decode(fiveCells().build()),
        List.of(new DecodedFrame.Quality("CELL_VOLTAGE", 2, 0, List.of("OUT_OF_RANGE"))));
    List<TripData.Sample> out = new ArrayList<>();
    TripData.decode(d, out);
    assertEquals(3296, out.get(0).cellMinMv());
    assertEquals(3305, out.get(0).cellMaxMv());
    // and as the gateway writes it: a single index without field 4
    List<TripData.Sample> wire = decode(fiveCells().addQuality(ChannelQuality.newBuilder()
        .setChannel(Channel.CHANNEL_CELL_VOLTAGE).setIndex(2).setFlags(OUT_OF_RANGE)));
    assertEquals(3296, wire.get(0).cellMinMv());
    assertEquals(3305, wire.get(0).cellMaxMv());
  }

  @Test
  void aRunsCountIsUnsigned() {
    // count 4294967295 (uint32) from cell 1 flags cells 1 to 4: only cell 0, 3.301 V, is good
    List<TripData.Sample> out = decode(fiveCells().addQuality(flag(Channel.CHANNEL_CELL_VOLTAGE, 1, -1, STALE)));
    assertEquals(3301, out.get(0).cellMinMv());
    assertEquals(3301, out.get(0).cellMaxMv());
    assertEquals("cell_voltage[1..4294967295] STALE", out.get(0).quality());
  }

  @Test
  void aRunsFirstFrameWithEveryWindingStaleAtZeroHasNoMotorTemperature() {
    List<TripData.Sample> out = decode(frame().addDrives(winding(0, 0)).addDrives(winding(1, 0))
        .addQuality(flag(Channel.CHANNEL_WINDING_TEMPERATURE, 0, 2, STALE)));
    assertTrue(Double.isNaN(out.get(0).motorTempC()), "motor winding " + out.get(0).motorTempC());
  }

  @Test
  void aFlaggedPackVoltageCurrentOrSpeedIsUnknownInEverySampleOfTheFrame() {
    List<TripData.Sample> voltageOut = decode(frame().addQuality(flag(Channel.CHANNEL_PACK_VOLTAGE, 0, 1, OUT_OF_RANGE)));
    for (TripData.Sample s : voltageOut) {
      assertTrue(Double.isNaN(s.packV()), "pack voltage " + s.packV());
      assertTrue(Double.isNaN(s.powerKw()), "pack power " + s.powerKw());
    }
    assertEquals(12.0, voltageOut.get(0).speedKmh());
    assertEquals(100.0, voltageOut.get(0).packA());
    assertEquals(110.0, voltageOut.get(1).packA());
    List<TripData.Sample> currentOut = decode(frame().addQuality(flag(Channel.CHANNEL_PACK_CURRENT, 0, 1, TIMEOUT))
        .addQuality(flag(Channel.CHANNEL_WHEEL_SPEED, 0, 1, STALE)));
    assertEquals(700.1, currentOut.get(1).packV());
    assertTrue(Double.isNaN(currentOut.get(1).packA()), "pack current " + currentOut.get(1).packA());
    assertTrue(Double.isNaN(currentOut.get(1).powerKw()), "pack power " + currentOut.get(1).powerKw());
    assertTrue(Double.isNaN(currentOut.get(0).speedKmh()), "speed " + currentOut.get(0).speedKmh());
    // flagged for the unsynced clock only: 700.10 V x 110.0 A = 77.011 kW
    List<TripData.Sample> clockOnly = decode(frame().addQuality(flag(Channel.CHANNEL_PACK_VOLTAGE, 0, 1, UNSYNCED_CLOCK)));
    assertEquals(77.011, clockOnly.get(1).powerKw(), 1e-9);
  }

  @Test
  void aFrameWithoutCellListsWhoseCellVoltagesAreAllFlaggedHasNoCellVoltages() {
    // cells predicted from a frame the log does not hold; every cell voltage stale, so the gateway's
    // statistics carry only the temperatures (the report drew 0 mV lowest and highest cells)
    List<TripData.Sample> out = decode(frame()
        .setBattery(frame().getBatteryBuilder().setCellPrediction(CellPrediction.newBuilder().setReferenceBack(1)
            .setKeyBack(5)))
        .setState(BatteryState.newBuilder().setCells(CellStats.newBuilder().setMinTempDc(248).setMinTempIndex(7)
            .setMaxTempDc(262).setMaxTempIndex(50)))
        .addQuality(flag(Channel.CHANNEL_CELL_VOLTAGE, 0, 216, STALE)));
    assertTrue(Double.isNaN(out.get(0).cellMinMv()), "lowest cell " + out.get(0).cellMinMv());
    assertTrue(Double.isNaN(out.get(0).cellMaxMv()), "highest cell " + out.get(0).cellMaxMv());
    assertEquals(24.8, out.get(0).cellTempMinC());
    assertEquals(26.2, out.get(0).cellTempMaxC());
  }

  private static TripData.Sample sample(long ms, double packV, double motorC) {
    return new TripData.Sample(ms, 100, 12.0, packV, 100.0, 60.0, 3296, 3305, 24.8, 26.2, motorC, true, "");
  }

  private static String report(double motorC, double secondPackV) {
    return report(motorC, secondPackV, TripSummary.newBuilder().setMinCellTempDc(248).setMaxCellTempDc(262));
  }

  /** The page up to its first chart heading: the summary table and the notes on unknown values. */
  private static String summaryPart(String html) {
    return html.substring(0, html.indexOf("<h2>"));
  }

  private static String report(double motorC, double secondPackV, TripSummary.Builder temperatures) {
    TripSummary summary = temperatures.setHeader(Header.newBuilder().setLocomotiveId("KZ1"))
        .setStartUnixMs(1_000_000).setEndUnixMs(1_001_000).build();
    TripData trip = new TripData(List.of(sample(1_000_000, 700.0, motorC), sample(1_000_500, secondPackV, motorC)),
        List.of(), List.of(), Optional.of(summary), false);
    return TripReport.render("T1", trip);
  }

  @Test
  void aReportSaysAWindingNeverReadGoodIsUnknownAndWhereValuesWereUnknown() {
    // the summary writes 0 for a winding never read good; the log's windings are all unknown
    String top = summaryPart(report(Double.NaN, Double.NaN));
    assertTrue(top.contains("<th>Motor winding max</th><td>unknown: no good reading in the trip</td>"), top);
    assertTrue(top.contains("of 2 sample(s): pack power in 1, motor winding in 2.</p>"), top);
  }

  @Test
  void aReportKeepsAWindingReadGoodAtZero() {
    String top = summaryPart(report(0.0, 700.1));
    assertTrue(top.contains("<th>Motor winding max</th><td>0.0 °C</td>"), top);
    assertFalse(top.contains("class=\"unknown\""), top);
  }

  @Test
  void aReportTakesATemperatureTheSummaryHoldsEvenAtZeroWhenTheFramesHaveNone() {
    // the summary says the winding read 0.0 degC, the log's frames have no good winding (say their
    // slow values could not be decoded); the cells' extremes shown are the summary's, -0.5 and 0.0 degC
    String top = summaryPart(report(Double.NaN, 700.1, TripSummary.newBuilder().setMinCellTempDc(-5)
        .setMaxCellTempDc(0).setMaxMotorTempDc(0)));
    assertTrue(top.contains("<th>Motor winding max</th><td>0.0 °C</td>"), top);
    assertTrue(top.contains("<th>Cell temperature min / max</th><td>-0.5 °C / 0.0 °C</td>"), top);
  }

  @Test
  void aReportSaysATemperatureTheSummaryLeavesOutIsUnknown() {
    String top = summaryPart(report(Double.NaN, 700.1, TripSummary.newBuilder()));
    assertTrue(top.contains("<th>Motor winding max</th><td>unknown: no good reading in the trip</td>"), top);
  }

  @Test
  void aReportOfASummaryBeforeV14TakesAnAbsentTemperatureAsZeroWhenTheFramesReadIt() {
    // summaries before v1.4 left out a 0.0 degC winding; the frames read 0.0 degC good
    String top = summaryPart(report(0.0, 700.1, TripSummary.newBuilder()));
    assertTrue(top.contains("<th>Motor winding max</th><td>0.0 °C</td>"), top);
  }
}
