package io.locolink.ground.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.locolink.gateway.framing.CellSource;
import io.locolink.gateway.framing.ScaledFrame;
import io.locolink.ground.store.SecondRow;
import io.locolink.ground.testing.Frames;
import io.locolink.proto.v1.BatteryState;
import io.locolink.proto.v1.CellStats;
import io.locolink.proto.v1.Channel;
import io.locolink.proto.v1.ChannelQuality;
import io.locolink.proto.v1.TelemetryFrame;
import io.locolink.proto.v1.TractionDrive;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The powers of a per-second row, worked out from the frame's scaled integers: the pack's power (mean
 * of voltage × current) and the drives' (each drive's DC link voltage × its mean current, summed), in
 * 0.1 kW, rounded half up; and its extremes, taken over the values the frame's quality entries leave
 * unflagged. Expected values are worked out by hand or in decimal arithmetic here.
 */
class TelemetryRowsTest {

  private static final long T0 = 1_780_000_000_000L;
  private static final int[] COUNTS = {1, 2, 4, 5, 8, 10};
  private static final CellSource NO_CELLS = new CellSource("NONE", -1, -1, false, "no cell lists");
  /** Quality masks, 1 << the wire's QualityFlag number. */
  private static final int TIMEOUT = 1 << 2;
  private static final int OUT_OF_RANGE = 1 << 4;
  private static final int STALE = 1 << 7;
  private static final int UNSYNCED_CLOCK = 1 << 10;

  /** A 1 s frame of {@code samples} samples 100 ms apart, with the given series; drives' temperatures 0. */
  private static SecondRow row(int samples, long[] packCv, long[] packDa, long[] driveDv, List<long[]> driveDa) {
    TelemetryFrame.Builder f = TelemetryFrame.newBuilder().setHeader(Frames.header("TR-1", 1, 1, T0));
    long[] slow = new long[driveDv.length * ScaledFrame.SLOW_PER_DRIVE];
    for (int k = 0; k < driveDv.length; k++) {
      f.addDrives(TractionDrive.getDefaultInstance());
      slow[k * ScaledFrame.SLOW_PER_DRIVE] = driveDv[k];
    }
    long[] offsets = new long[samples];
    for (int i = 0; i < samples; i++) {
      offsets[i] = i * 100L;
    }
    ScaledFrame d = new ScaledFrame(offsets, packCv, packDa, new long[0], driveDa, slow, new long[0], new long[0],
        NO_CELLS);
    List<SecondRow> rows = TelemetryRows.of(f.build(), d);
    assertEquals(1, rows.size());
    return rows.getFirst();
  }

  @Test
  void aDrivesPowerOnTheHalfRoundsUp() {
    // 650.0 V; ten currents summing to 23,500 × 0.1 A = 2,350.0 A, a mean of 235.0 A:
    // 650.0 V × 235.0 A = 152,750 W = 1,527.5 × 0.1 kW, rounded half up to 1,528. (Summed as doubles
    // of amperes, these currents made 152,749.99999999997 W and so 1,527.)
    long[] da = {4346, 2695, 291, 2757, 3033, 2006, 1851, 3804, 767, 1950};
    assertEquals(1528, row(10, new long[0], new long[0], new long[] {6500}, List.of(da)).driveHw());
  }

  @Test
  void thePacksPowerOnTheHalfRoundsUp() {
    // Σ cv × da over the ten samples = 1,119,500,000 (10 mV × 0.1 A = 1 mW): a mean of 111,950,000 mW
    // = 111,950 W = 1,119.5 × 0.1 kW, rounded half up to 1,120 (1,119 when summed as doubles).
    long[] cv = {70762, 71224, 70638, 71025, 70738, 71517, 71067, 70785, 71717, 71323};
    long[] da = {203, -220, 948, 2766, 3498, 1398, 3141, 331, 1414, 2270};
    long sum = 0;
    for (int i = 0; i < cv.length; i++) {
      sum += cv[i] * da[i];
    }
    assertEquals(1_119_500_000L, sum);
    assertEquals(1120, row(10, cv, da, new long[0], List.of()).packHw());
  }

  @Test
  void drivesWithDifferentSampleCountsMatchDecimalArithmetic() {
    Random random = new Random(20261203);
    for (int t = 0; t < 200; t++) {
      int drives = 1 + random.nextInt(4);
      long[] dv = new long[drives];
      List<long[]> currents = new ArrayList<>();
      BigDecimal watts = BigDecimal.ZERO;
      for (int k = 0; k < drives; k++) {
        dv[k] = 5000 + random.nextInt(3000);
        // a drive may carry fewer samples than the frame; counts whose means are finite decimals
        long[] da = new long[COUNTS[random.nextInt(COUNTS.length)]];
        BigDecimal amps = BigDecimal.ZERO;
        for (int i = 0; i < da.length; i++) {
          da[i] = random.nextInt(8000) - 2000;
          amps = amps.add(BigDecimal.valueOf(da[i], 1));
        }
        currents.add(da);
        BigDecimal meanA = amps.divide(BigDecimal.valueOf(da.length));  // exact
        watts = watts.add(BigDecimal.valueOf(dv[k], 1).multiply(meanA));
      }
      // in 0.1 kW, halves up as Math.round does (towards positive infinity)
      long expected = watts.movePointLeft(2).add(new BigDecimal("0.5")).setScale(0, RoundingMode.FLOOR).longValueExact();
      assertEquals(expected, row(10, new long[0], new long[0], dv, currents).driveHw().longValue(), "case " + t);
    }
  }

  /** A drive numbered {@code index} with the given winding, bearing and inverter temperatures in 0.1 degC. */
  private static TractionDrive drive(int index, int windingDc, int bearingDc, int inverterDc) {
    return TractionDrive.newBuilder().setIndex(index).setWindingTempDc(windingDc).setBearingTempDc(bearingDc)
        .setInverterTempDc(inverterDc).build();
  }

  private static ChannelQuality flag(Channel channel, int index, int count, int mask) {
    return ChannelQuality.newBuilder().setChannel(channel).setIndex(index).setCount(count).setFlags(mask).build();
  }

  private static SecondRow only(TelemetryFrame.Builder f) {
    List<SecondRow> rows = TelemetryRows.of(f.setHeader(Frames.header("TR-1", 1, 1, T0)).build());
    assertEquals(1, rows.size());
    return rows.getFirst();
  }

  @Test
  void aRunsFirstFrameWithEveryDriveTemperatureStaleHasNoHottestTemperature() {
    // the gateway has not read the drives yet: every temperature 0.0 and flagged stale, so the row
    // has no hottest winding, bearing or inverter temperature (it stored 0.0 °C)
    SecondRow row = only(TelemetryFrame.newBuilder()
        .addDrives(drive(0, 0, 0, 0)).addDrives(drive(1, 0, 0, 0))
        .addQuality(flag(Channel.CHANNEL_WINDING_TEMPERATURE, 0, 2, STALE))
        .addQuality(flag(Channel.CHANNEL_BEARING_TEMPERATURE, 0, 2, STALE))
        .addQuality(flag(Channel.CHANNEL_INVERTER_TEMPERATURE, 0, 0, STALE))
        .addQuality(flag(Channel.CHANNEL_INVERTER_TEMPERATURE, 1, 1, STALE)));
    assertNull(row.windingMaxDc());
    assertNull(row.bearingMaxDc());
    assertNull(row.inverterMaxDc());
  }

  @Test
  void theHottestDriveTemperaturesAreTheHottestOfTheGoodValues() {
    // drive 0's winding reads 123.4 °C out of range, drive 1's inverter is stale at 0.0 °C;
    // drive 2's winding is flagged only for the unsynced clock, which says nothing of its value
    SecondRow row = only(TelemetryFrame.newBuilder()
        .addDrives(drive(0, 1234, 301, 412)).addDrives(drive(1, 567, 322, 0)).addDrives(drive(2, 598, 315, 455))
        .addQuality(flag(Channel.CHANNEL_WINDING_TEMPERATURE, 0, 1, OUT_OF_RANGE))
        .addQuality(flag(Channel.CHANNEL_INVERTER_TEMPERATURE, 1, 1, STALE))
        .addQuality(flag(Channel.CHANNEL_WINDING_TEMPERATURE, 2, 1, UNSYNCED_CLOCK)));
    assertEquals(598, row.windingMaxDc());    // of 56.7 and 59.8 °C
    assertEquals(322, row.bearingMaxDc());    // of all three: none flagged
    assertEquals(455, row.inverterMaxDc());   // of 41.2 and 45.5 °C
  }

  /** The one row of a frame carrying {@code cellMv} and {@code cellTempDc} in full, with {@code quality}. */
  private static SecondRow cellsRow(long[] cellMv, long[] cellTempDc, ChannelQuality... quality) {
    TelemetryFrame f = TelemetryFrame.newBuilder().setHeader(Frames.header("TR-1", 1, 1, T0))
        .addAllQuality(List.of(quality)).build();
    ScaledFrame d = new ScaledFrame(new long[] {0}, new long[0], new long[0], new long[0], List.of(), new long[0],
        cellMv, cellTempDc, new CellSource("KEY", 1, -1, true, ""));
    List<SecondRow> rows = TelemetryRows.of(f, d);
    assertEquals(1, rows.size());
    return rows.getFirst();
  }

  @Test
  void theCellExtremesAreThoseOfTheGoodCells() {
    // cell 2 drifts to 3.879 V, more than 0.3 V from the median, and is flagged out of range; cells
    // 5 and 6 time out and read 0; temperature sensor 2 reads 90.0 °C out of range, sensor 4 is stale at 0
    SecondRow row = cellsRow(new long[] {3301, 3296, 3879, 3305, 3299, 0, 0}, new long[] {251, 248, 900, 262, 0},
        flag(Channel.CHANNEL_CELL_VOLTAGE, 2, 1, OUT_OF_RANGE),
        flag(Channel.CHANNEL_CELL_VOLTAGE, 5, 2, TIMEOUT | STALE),
        flag(Channel.CHANNEL_CELL_TEMPERATURE, 2, 1, OUT_OF_RANGE),
        flag(Channel.CHANNEL_CELL_TEMPERATURE, 4, 1, STALE));
    // good cells 0, 1, 3, 4: 3.301, 3.296, 3.305, 3.299 V
    assertEquals(3305, row.cellMaxMv());
    assertEquals(3, row.cellMaxIndex());
    assertEquals(3296, row.cellMinMv());
    assertEquals(1, row.cellMinIndex());
    // good sensors 0, 1, 3: 25.1, 24.8, 26.2 °C
    assertEquals(248, row.cellTempMinDc());
    assertEquals(262, row.cellTempMaxDc());
    assertEquals(3, row.cellTempMaxIndex());
  }

  @Test
  void aSecondWithEveryCellFlaggedHasNoCellExtremes() {
    // a silent BMS: every cell and sensor stale, one run each
    SecondRow row = cellsRow(new long[] {3301, 3296, 3305}, new long[] {251, 248},
        flag(Channel.CHANNEL_CELL_VOLTAGE, 0, 3, STALE),
        flag(Channel.CHANNEL_CELL_TEMPERATURE, 0, 2, STALE));
    assertNull(row.cellMinMv());
    assertNull(row.cellMinIndex());
    assertNull(row.cellMaxMv());
    assertNull(row.cellMaxIndex());
    assertNull(row.cellTempMinDc());
    assertNull(row.cellTempMaxDc());
    assertNull(row.cellTempMaxIndex());
  }

  @Test
  void aFrameWithoutCellListsWhoseCellVoltagesAreAllFlaggedHasNoCellVoltageExtremes() {
    // a frame whose cells travel predicted (not decodable alone), every cell voltage stale: the
    // gateway's cell statistics carry only the temperatures, 24.8 degC at sensor 7 to 26.2 degC at 50
    // (it stored 0 mV as the lowest and highest cell)
    SecondRow row = only(TelemetryFrame.newBuilder()
        .setState(BatteryState.newBuilder().setCells(CellStats.newBuilder()
            .setMinTempDc(248).setMinTempIndex(7).setMaxTempDc(262).setMaxTempIndex(50)))
        .addQuality(flag(Channel.CHANNEL_CELL_VOLTAGE, 0, 216, STALE)));
    assertNull(row.cellMinMv());
    assertNull(row.cellMinIndex());
    assertNull(row.cellMaxMv());
    assertNull(row.cellMaxIndex());
    assertEquals(248, row.cellTempMinDc());
    assertEquals(262, row.cellTempMaxDc());
    assertEquals(50, row.cellTempMaxIndex());
  }

  @Test
  void aFrameWithoutCellListsTakesItsCellVoltageExtremesFromTheGatewaysStatistics() {
    SecondRow row = only(TelemetryFrame.newBuilder()
        .setState(BatteryState.newBuilder().setCells(CellStats.newBuilder()
            .setMinMv(3296).setMinIndex(1).setMaxMv(3305).setMaxIndex(3).setMeanMv(3300))));
    assertEquals(3296, row.cellMinMv());
    assertEquals(1, row.cellMinIndex());
    assertEquals(3305, row.cellMaxMv());
    assertEquals(3, row.cellMaxIndex());
  }

  /**
   * A frame of two samples 500 ms apart: pack 700.00 then 700.10 V, 100.0 then 110.0 A; wheel speed
   * 12.00 then 12.50 km/h; insulation 850 kOhm, BMS SoC 64.0 %, genset 120.0 kW at 150 ml/min; and
   * one drive per DC link voltage given, each drawing 120.0 then 121.0 A.
   */
  private static TelemetryFrame.Builder twoSamples(int... dcLinkDv) {
    TelemetryFrame.Builder f = TelemetryFrame.newBuilder().addSampleOffsetMs(0).addSampleOffsetMs(500)
        .setBattery(io.locolink.proto.v1.BatteryPack.newBuilder()
            .addVoltageCvDelta(70_000).addVoltageCvDelta(10)
            .addCurrentDaDelta(1000).addCurrentDaDelta(100)
            .setInsulationKohm(850).setBmsSocPermille(640))
        .setMotion(io.locolink.proto.v1.Motion.newBuilder().addSpeedCmhDelta(1200).addSpeedCmhDelta(50))
        .setGenset(io.locolink.proto.v1.Genset.newBuilder().setRunning(true).setPowerKwX10(1200)
            .setFuelFlowMlPerMin(150));
    for (int k = 0; k < dcLinkDv.length; k++) {
      f.addDrives(TractionDrive.newBuilder().setIndex(k).setDcLinkDv(dcLinkDv[k])
          .addCurrentDaDelta(1200).addCurrentDaDelta(10));
    }
    return f;
  }

  @Test
  void aRunsFirstFrameWithItsDcLinkStaleAtZeroHasNoDrivePower() {
    // the gateway has not read the DC link yet: 0.0 V, flagged stale; 0.0 V x 120.5 A made 0.0 kW
    assertNull(only(twoSamples(0).addQuality(flag(Channel.CHANNEL_DC_LINK_VOLTAGE, 0, 1, STALE))).driveHw());
    // one drive of two stale: its part of the sum is unknown, so is the sum (it made 650.0 V x 120.5 A
    // = 78.3 kW, the good drive's alone)
    assertNull(only(twoSamples(6500, 0).addQuality(flag(Channel.CHANNEL_DC_LINK_VOLTAGE, 1, 1, STALE))).driveHw());
    // a drive's current timed out in one sample of the frame
    assertNull(only(twoSamples(6500, 6500).addQuality(flag(Channel.CHANNEL_DRIVE_CURRENT, 0, 1, TIMEOUT))).driveHw());
  }

  @Test
  void aFlaggedPackVoltageOrCurrentLeavesItsMeanAndThePacksPowerUnknown() {
    SecondRow voltageOut = only(twoSamples().addQuality(flag(Channel.CHANNEL_PACK_VOLTAGE, 0, 1, OUT_OF_RANGE)));
    assertNull(voltageOut.packCv());
    assertNull(voltageOut.packHw());
    assertEquals(1050, voltageOut.packDa());     // (100.0 + 110.0) / 2 A
    assertEquals(1000, voltageOut.packDaMin());
    assertEquals(1100, voltageOut.packDaMax());
    SecondRow currentOut = only(twoSamples().addQuality(flag(Channel.CHANNEL_PACK_CURRENT, 0, 1, TIMEOUT)));
    assertEquals(70005, currentOut.packCv());    // (700.00 + 700.10) / 2 V
    assertNull(currentOut.packDa());
    assertNull(currentOut.packDaMin());
    assertNull(currentOut.packDaMax());
    assertNull(currentOut.packHw());
  }

  @Test
  void flaggedSpeedInsulationBmsSocGensetAndFuelFlowAreUnknown() {
    SecondRow row = only(twoSamples()
        .addQuality(flag(Channel.CHANNEL_WHEEL_SPEED, 0, 1, STALE))
        .addQuality(flag(Channel.CHANNEL_INSULATION, 0, 1, OUT_OF_RANGE))
        .addQuality(flag(Channel.CHANNEL_BMS, 0, 1, TIMEOUT))
        .addQuality(flag(Channel.CHANNEL_GENSET, 0, 1, STALE))
        .addQuality(flag(Channel.CHANNEL_FUEL_FLOW, 0, 1, STALE)));
    assertNull(row.speedCmh());
    assertNull(row.insulationKohm());
    assertNull(row.bmsSocPm());
    assertNull(row.gensetHw());
    assertNull(row.fuelMlPerMin());
  }

  @Test
  void valuesFlaggedOnlyForTheUnsyncedClockAreKept() {
    TelemetryFrame.Builder f = twoSamples(6500);
    for (Channel channel : List.of(Channel.CHANNEL_PACK_VOLTAGE, Channel.CHANNEL_PACK_CURRENT,
        Channel.CHANNEL_DRIVE_CURRENT, Channel.CHANNEL_DC_LINK_VOLTAGE, Channel.CHANNEL_WHEEL_SPEED,
        Channel.CHANNEL_INSULATION, Channel.CHANNEL_BMS, Channel.CHANNEL_GENSET, Channel.CHANNEL_FUEL_FLOW)) {
      f.addQuality(flag(channel, 0, 1, UNSYNCED_CLOCK));
    }
    SecondRow row = only(f);
    assertEquals(70005, row.packCv());
    assertEquals(1050, row.packDa());
    // (700.00 V x 100.0 A + 700.10 V x 110.0 A) / 2 = (70,000 + 77,011) / 2 W = 73,505.5 W, 735 x 0.1 kW
    assertEquals(735, row.packHw());
    // 650.0 V x 120.5 A = 78,325 W
    assertEquals(783, row.driveHw());
    assertEquals(1225, row.speedCmh());
    assertEquals(850, row.insulationKohm());
    assertEquals(640, row.bmsSocPm());
    assertEquals(1200, row.gensetHw());
    assertEquals(150, row.fuelMlPerMin());
  }

  @Test
  void aFrameWithoutCellListsWhoseTemperaturesAreAllFlaggedHasNoCellTemperatureExtremes() {
    // every temperature sensor stale: the gateway's statistics carry only the voltages (the row
    // stored 0.0 degC as the coolest and warmest cell)
    SecondRow row = only(TelemetryFrame.newBuilder()
        .setState(BatteryState.newBuilder().setCells(CellStats.newBuilder()
            .setMinMv(3296).setMinIndex(1).setMaxMv(3305).setMaxIndex(3).setMeanMv(3300)))
        .addQuality(flag(Channel.CHANNEL_CELL_TEMPERATURE, 0, 108, STALE)));
    assertNull(row.cellTempMinDc());
    assertNull(row.cellTempMaxDc());
    assertNull(row.cellTempMaxIndex());
    assertEquals(3296, row.cellMinMv());
  }

  @Test
  void aFrameWithoutCellListsKeepsATemperatureOfZeroDegrees() {
    // v1.3 writes a known 0.0 degC; frames before left it out, and its index 0, but wrote the other extreme
    SecondRow row = only(TelemetryFrame.newBuilder()
        .setState(BatteryState.newBuilder().setCells(CellStats.newBuilder().setMinTempDc(0).setMaxTempDc(15)
            .setMaxTempIndex(9))));
    assertEquals(0, row.cellTempMinDc());
    assertEquals(15, row.cellTempMaxDc());
    SecondRow old = only(TelemetryFrame.newBuilder()
        .setState(BatteryState.newBuilder().setCells(CellStats.newBuilder().setMaxTempDc(15).setMaxTempIndex(9))));
    assertEquals(0, old.cellTempMinDc());
    assertEquals(15, old.cellTempMaxDc());
  }
}
