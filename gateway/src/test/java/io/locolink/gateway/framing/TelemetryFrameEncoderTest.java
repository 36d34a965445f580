package io.locolink.gateway.framing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.acquisition.ClockQuality;
import io.locolink.gateway.acquisition.PackReadings;
import io.locolink.gateway.acquisition.QualityFlag;
import io.locolink.gateway.acquisition.Reading;
import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.estimation.CellStats;
import io.locolink.gateway.estimation.EnergyTotals;
import io.locolink.gateway.estimation.Estimates;
import io.locolink.proto.v1.TelemetryFrame;
import io.locolink.testing.Snapshots;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TelemetryFrameEncoderTest {

  private static final Instant T0 = Instant.parse("2026-11-25T06:00:00Z");
  private static final HeaderFields HEADER = new HeaderFields("KZ1", 42, 7, T0, ClockQuality.SYNCED);

  private static List<Snapshot> tenSamples() {
    List<Snapshot> out = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      out.add(Snapshots.of(1_000_000_000L + i * 100_000_000L, T0.plusMillis(i * 100), 3.3 + i * 0.001,
          400 - i * 10, 20 + i * 0.1, 4));
    }
    return out;
  }

  private static Estimates estimates(Snapshot last) {
    return new Estimates(62.4, 1.5, 97.0, CellStats.of(last.pack()), 1500, 200, 3000, 400, 0,
        Optional.empty(), -1200, List.of(), List.of(), EnergyTotals.zero(), true);
  }

  @Test
  void fastChannelsSurviveDeltaCodingToTheirResolution() {
    List<Snapshot> samples = tenSamples();
    DecodedFrame f = TelemetryFrameDecoder.decode(
        TelemetryFrameEncoder.encode(HEADER, samples, estimates(samples.get(9))).toByteArray());
    assertEquals(10, f.packVoltageV().length);
    for (int i = 0; i < 10; i++) {
      assertEquals(i * 100L, f.sampleOffsetMs()[i]);
      assertEquals(216 * (3.3 + i * 0.001), f.packVoltageV()[i], 0.005, "pack V at 10 mV resolution");
      assertEquals(400 - i * 10, f.packCurrentA()[i], 0.05, "pack A at 0.1 A resolution");
      assertEquals(20 + i * 0.1, f.speedKmh()[i], 0.005, "speed at 0.01 km/h resolution");
      assertEquals((400 - i * 10) / 4.0, f.drives().get(3).currentA()[i], 0.05);
    }
    assertEquals(900, f.spanMs());
    assertEquals(216, f.cellVoltagesV().length);
    assertEquals(3.309, f.cellVoltagesV()[215], 0.0005);
    assertEquals(4, f.drives().size());
    assertEquals(83.0, f.drives().get(3).windingC(), 0.05);
    assertEquals(43.2389, f.position().latitudeDeg(), 1e-7);
    assertEquals(62.4, f.state().socPercent(), 0.05);
    assertEquals(-1200, f.state().co2AvoidedTodayG());
    assertEquals("KZ1", f.locomotiveId());
    assertEquals(7, f.sequence());
    assertEquals(T0.toEpochMilli(), f.timeUnixMs());
    assertTrue(f.quality().isEmpty(), "all samples were good");
  }

  @Test
  void aFlaggedSampleTravelsAsAQualityEntryAndNeverAsASilentValue() {
    List<Snapshot> samples = tenSamples();
    Snapshot bad = samples.get(4);
    PackReadings p = bad.pack();
    int[] cellFlags = p.cellVoltageFlags().clone();
    cellFlags[17] = QualityFlag.mask(QualityFlag.CHECKSUM, QualityFlag.STALE);
    PackReadings flagged = new PackReadings(p.voltageV(), Reading.flagged(Double.NaN, QualityFlag.TIMEOUT),
        p.cellVoltagesV(), cellFlags, p.cellTemperaturesC(), p.cellTemperatureFlags(), p.bmsSocPercent(),
        p.bmsSohPercent(), p.insulationKohm(), p.contactor(), p.balancing(), p.stringsParallel());
    samples.set(4, new Snapshot(bad.monotonicNanos(), bad.utc(), bad.clock(), flagged, bad.drives(), bad.genset(), bad.motion()));
    samples.set(9, new Snapshot(samples.get(9).monotonicNanos(), samples.get(9).utc(), ClockQuality.SYNCED, flagged,
        samples.get(9).drives(), Optional.empty(), samples.get(9).motion()));
    DecodedFrame f = TelemetryFrameDecoder.decode(TelemetryFrameEncoder.encode(HEADER, samples, estimates(samples.get(9))));
    assertEquals(List.of(
        new DecodedFrame.Quality("PACK_CURRENT", 0, 1, List.of("TIMEOUT")),
        new DecodedFrame.Quality("CELL_VOLTAGE", 17, 1, List.of("CHECKSUM", "STALE"))), f.quality());
    assertEquals(f.packCurrentA()[3], f.packCurrentA()[4], "an unreadable sample repeats the last value, flagged");
  }

  @Test
  void aFullPackFrameIsCompact() {
    List<Snapshot> samples = tenSamples();
    TelemetryFrame frame = TelemetryFrameEncoder.encode(HEADER, samples, estimates(samples.get(9)));
    int naive = 216 * 4 + 108 * 4 + 10 * (4 + 4 + 4 + 4 * 8);  // 32-bit floats for every value
    int size = frame.getSerializedSize();
    assertTrue(size * 2 < naive, "frame of " + size + " bytes should be under half of " + naive + " as floats");
  }

  @Test
  void bytesThatAreNotAFrameGiveAClearError() {
    MalformedMessageException e = assertThrows(MalformedMessageException.class,
        () -> TelemetryFrameDecoder.decode(new byte[] {(byte) 0xff, (byte) 0xff, 0x01}));
    assertTrue(e.getMessage().contains("TelemetryFrame"), e.getMessage());
  }

  @Test
  void equalCellsCostNoBitsBeyondTheFirstValue() {
    Snapshot s = tenSamples().get(0);
    TelemetryFrame frame = TelemetryFrameEncoder.encode(HEADER, List.of(s), estimates(s));
    // d8 01: 216 cells | c8 33: zigzag(3300 mV) | 00: deltas are 0 bits wide
    assertEquals("d801c83300", java.util.HexFormat.of().formatHex(frame.getBattery().getCellMvPacked().toByteArray()));
  }

  @Test
  void framesWrittenBeforeBitPackingStillDecode() throws Exception {
    // The v1.0 golden frame of GoldenBytesTest: cells as varint deltas in field 3 [3300, 2, -1].
    byte[] old = java.util.HexFormat.of().parseHex("0a1a0a034b5a3111010000000000000018ac022080f0d6ebab33280110641a"
        + "02006422140a0480b808091203a413271a04c8330401288a05");
    DecodedFrame f = TelemetryFrameDecoder.decode(old);
    assertArrayEquals(new double[] {3.300, 3.302, 3.301}, f.cellVoltagesV(), 1e-9);
    assertEquals(691.15, f.packVoltageV()[1], 1e-9);
  }

  @Test
  void aSilentBmsCostsOneQualityEntryPerRunNotOnePerCell() {
    Snapshot s = tenSamples().get(0);
    PackReadings p = s.pack();
    int stale = QualityFlag.mask(QualityFlag.TIMEOUT, QualityFlag.STALE);
    int[] flags = new int[p.cellCount()];
    java.util.Arrays.fill(flags, stale);
    flags[100] = QualityFlag.mask(QualityFlag.STALE);  // one cell differs: the run splits around it
    PackReadings silent = new PackReadings(p.voltageV(), p.currentA(), p.cellVoltagesV(), flags,
        p.cellTemperaturesC(), p.cellTemperatureFlags(), p.bmsSocPercent(), p.bmsSohPercent(), p.insulationKohm(),
        p.contactor(), p.balancing(), p.stringsParallel());
    Snapshot bad = new Snapshot(s.monotonicNanos(), s.utc(), s.clock(), silent, s.drives(), s.genset(), s.motion());
    DecodedFrame f = TelemetryFrameDecoder.decode(TelemetryFrameEncoder.encode(HEADER, List.of(bad), estimates(bad)));
    assertEquals(List.of(
        new DecodedFrame.Quality("CELL_VOLTAGE", 0, 100, List.of("TIMEOUT", "STALE")),
        new DecodedFrame.Quality("CELL_VOLTAGE", 100, 1, List.of("STALE")),
        new DecodedFrame.Quality("CELL_VOLTAGE", 101, 115, List.of("TIMEOUT", "STALE"))), f.quality());
  }

  @Test
  void aFrameWithEveryCellVoltageFlaggedSaysItsVoltagesAreUnknownAndKeepsItsGoodTemperatures() {
    // a silent BMS voltage board: every cell voltage stale, the temperature sensors still good;
    // sensor 7 reads 24.8 degC, sensor 50 26.2 degC, the other 106 25.0 degC
    Snapshot s = tenSamples().get(0);
    PackReadings p = s.pack();
    int[] flags = new int[p.cellCount()];
    java.util.Arrays.fill(flags, QualityFlag.mask(QualityFlag.STALE));
    double[] temps = new double[p.cellTemperaturesC().length];
    java.util.Arrays.fill(temps, 25.0);
    temps[7] = 24.8;
    temps[50] = 26.2;
    PackReadings silent = new PackReadings(p.voltageV(), p.currentA(), p.cellVoltagesV(), flags, temps,
        p.cellTemperatureFlags(), p.bmsSocPercent(), p.bmsSohPercent(), p.insulationKohm(), p.contactor(),
        p.balancing(), p.stringsParallel());
    Snapshot bad = new Snapshot(s.monotonicNanos(), s.utc(), s.clock(), silent, s.drives(), s.genset(), s.motion());
    TelemetryFrame frame = TelemetryFrameEncoder.encode(HEADER, List.of(bad), estimates(bad));
    // CellStats (BatteryState field 4) carries the temperatures only: 30 f0 03 (6: min_temp_dc zigzag
    // 248) | 38 07 (7: min_temp_index 7) | 40 8c 04 (8: max_temp_dc zigzag 262) | 48 32 (9: max_temp_index 50)
    assertEquals("30f0033807408c044832",
        java.util.HexFormat.of().formatHex(frame.getState().getCells().toByteArray()));
    DecodedFrame.State state = TelemetryFrameDecoder.decode(frame.toByteArray()).state();
    assertTrue(Double.isNaN(state.cellMinV()), "lowest cell voltage " + state.cellMinV());
    assertTrue(Double.isNaN(state.cellMaxV()), "highest cell voltage " + state.cellMaxV());
    assertTrue(Double.isNaN(state.cellMeanV()), "mean cell voltage " + state.cellMeanV());
    assertEquals(-1, state.cellMinIndex());
    assertEquals(-1, state.cellMaxIndex());
    assertEquals(24.8, state.cellMinTempC());
    assertEquals(26.2, state.cellMaxTempC());
  }

  @Test
  void cellStatisticsOfGoodVoltagesTravelAsBefore() throws Exception {
    // CellStats as v1.0 to v1.2 wrote it: 08 e0 19 (1: min_mv 3296) | 10 01 (2: min_index 1) |
    // 18 e9 19 (3: max_mv 3305) | 20 03 (4: max_index 3) | 28 e4 19 (5: mean_mv 3300)
    String old = "08e019100118e919200328e419";
    io.locolink.proto.v1.CellStats stats = io.locolink.proto.v1.CellStats.newBuilder()
        .setMinMv(3296).setMinIndex(1).setMaxMv(3305).setMaxIndex(3).setMeanMv(3300).build();
    assertEquals(old, java.util.HexFormat.of().formatHex(stats.toByteArray()));
    TelemetryFrame frame = TelemetryFrame.newBuilder().setState(io.locolink.proto.v1.BatteryState.newBuilder()
        .setCells(io.locolink.proto.v1.CellStats.parseFrom(java.util.HexFormat.of().parseHex(old)))).build();
    DecodedFrame.State state = TelemetryFrameDecoder.decode(frame).state();
    assertEquals(3.296, state.cellMinV());
    assertEquals(1, state.cellMinIndex());
    assertEquals(3.305, state.cellMaxV());
    assertEquals(3, state.cellMaxIndex());
    assertEquals(3.3, state.cellMeanV());
  }

  /** The first of {@link #tenSamples()} (every cell 3.300 V) with the given temperatures and flags. */
  private static Snapshot withTemperatures(double[] temps, int[] flags) {
    Snapshot s = tenSamples().get(0);
    PackReadings p = s.pack();
    PackReadings pack = new PackReadings(p.voltageV(), p.currentA(), p.cellVoltagesV(), p.cellVoltageFlags(), temps,
        flags, p.bmsSocPercent(), p.bmsSohPercent(), p.insulationKohm(), p.contactor(), p.balancing(),
        p.stringsParallel());
    return new Snapshot(s.monotonicNanos(), s.utc(), s.clock(), pack, s.drives(), s.genset(), s.motion());
  }

  @Test
  void aFrameWithEveryTemperatureFlaggedSaysItsTemperaturesAreUnknown() {
    double[] temps = new double[Snapshots.TEMPERATURE_SENSORS];
    int[] flags = new int[temps.length];
    java.util.Arrays.fill(flags, QualityFlag.mask(QualityFlag.TIMEOUT, QualityFlag.STALE));
    Snapshot s = withTemperatures(temps, flags);
    TelemetryFrame frame = TelemetryFrameEncoder.encode(HEADER, List.of(s), estimates(s));
    // 08 e4 19 (1: min_mv 3300) | 18 e4 19 (3: max_mv 3300) | 28 e4 19 (5: mean_mv 3300), indexes 0
    // left out; no temperature field
    assertEquals("08e41918e41928e419", java.util.HexFormat.of().formatHex(frame.getState().getCells().toByteArray()));
    DecodedFrame.State state = TelemetryFrameDecoder.decode(frame.toByteArray()).state();
    assertTrue(Double.isNaN(state.cellMinTempC()), "lowest cell temperature " + state.cellMinTempC());
    assertTrue(Double.isNaN(state.cellMaxTempC()), "highest cell temperature " + state.cellMaxTempC());
    assertEquals(3.3, state.cellMinV());
  }

  @Test
  void aPackWhoseEverySensorReadsZeroDegreesSaysSo() {
    // every sensor good at 0.0 degC (a winter morning): the extremes are written though they are 0
    double[] temps = new double[Snapshots.TEMPERATURE_SENSORS];
    Snapshot s = withTemperatures(temps, new int[temps.length]);
    TelemetryFrame frame = TelemetryFrameEncoder.encode(HEADER, List.of(s), estimates(s));
    // ... 28 e4 19 (5: mean_mv 3300) | 30 00 (6: min_temp_dc 0) | 40 00 (8: max_temp_dc 0), indexes 0 left out
    assertEquals("08e41918e41928e41930004000",
        java.util.HexFormat.of().formatHex(frame.getState().getCells().toByteArray()));
    DecodedFrame.State state = TelemetryFrameDecoder.decode(frame.toByteArray()).state();
    assertEquals(0.0, state.cellMinTempC());
    assertEquals(0.0, state.cellMaxTempC());
  }
}
