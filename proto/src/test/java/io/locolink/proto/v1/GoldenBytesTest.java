package io.locolink.proto.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fixed encodings of every wire-contract message. The expected bytes were worked out by hand from
 * the protobuf encoding rules (tag = field number << 3 | wire type; varints little-endian base 128;
 * sint32/sint64 zigzag), not produced by this code. If a schema change renumbers or retypes a field,
 * these fail: old data on the ground would no longer decode. Add new fields; never change these.
 */
class GoldenBytesTest {

  private static final HexFormat HEX = HexFormat.of();

  // Header: 0a 03 "KZ1" (1: locomotive_id) | 11 + 8 bytes LE (2: boot_id fixed64 = 1)
  // | 18 ac 02 (3: sequence = 300) | 20 80f0d6ebab33 (4: time_unix_ms = 1764115200000 = 2025-11-26T00:00Z)
  // | 28 01 (5: clock_quality = CLOCK_SYNCED)
  private static final String HEADER = "0a034b5a3111010000000000000018ac022080f0d6ebab332801";

  static Header header() {
    return Header.newBuilder().setLocomotiveId("KZ1").setBootId(1).setSequence(300)
        .setTimeUnixMs(1_764_115_200_000L).setClockQuality(ClockQuality.CLOCK_SYNCED).build();
  }

  @Test
  void headerEncoding() throws Exception {
    assertEquals(HEADER, HEX.formatHex(header().toByteArray()));
    assertEquals(header(), Header.parseFrom(HEX.parseHex(HEADER)));
  }

  @Test
  void telemetryFrame() throws Exception {
    TelemetryFrame frame = TelemetryFrame.newBuilder()
        .setHeader(header())
        .setSpanMs(100)
        .addAllSampleOffsetMs(List.of(0, 100))
        .setBattery(BatteryPack.newBuilder()
            .addAllVoltageCvDelta(List.of(69_120, -5))     // 691.20 V then 691.15 V
            .addAllCurrentDaDelta(List.of(1234, -20))      // 123.4 A then 121.4 A
            .addAllCellMvDelta(List.of(3300, 2, -1))       // cells 3.300, 3.302, 3.301 V
            .setBmsSocPermille(650))
        .build();
    String expected = "0a1a" + HEADER            // 1: header, 26 bytes
        + "1064"                                 // 2: span_ms = 100
        + "1a020064"                             // 3: sample_offset_ms packed [0, 100]
        + "2214"                                 // 4: battery, 20 bytes
        + "0a0480b80809"                         //   1: voltage_cv_delta packed zigzag [69120, -5]
        + "1203a41327"                           //   2: current_da_delta packed zigzag [1234, -20]
        + "1a04c8330401"                         //   3: cell_mv_delta packed zigzag [3300, 2, -1]
        + "288a05";                              //   5: bms_soc_permille = 650
    assertEquals(expected, HEX.formatHex(frame.toByteArray()));
    assertEquals(frame, TelemetryFrame.parseFrom(HEX.parseHex(expected)));
  }

  @Test
  void bitPackedCells() throws Exception {
    // v1.1: 5a (11: cell_mv_packed, length-delimited) 06 | 04 c8 33 03 0c 00 = cells 3300, 3302,
    // 3301, 3301 mV (count, zigzag first value, 3-bit width, deltas +2 -1 0 LSB first)
    BatteryPack pack = BatteryPack.newBuilder()
        .setCellMvPacked(com.google.protobuf.ByteString.copyFrom(HEX.parseHex("04c833030c00"))).build();
    assertEquals("5a0604c833030c00", HEX.formatHex(pack.toByteArray()));
    assertEquals(pack, BatteryPack.parseFrom(HEX.parseHex("5a0604c833030c00")));
  }

  @Test
  void cellStatsVoltagesAreAbsentWhenUnknown() throws Exception {
    // v1.3: 30 f6 03 (6: min_temp_dc sint32 zigzag 251) | 38 03 (7: min_temp_index 3)
    // | 40 8c 04 (8: max_temp_dc zigzag 262) | 48 05 (9: max_temp_index 5); no good cell voltage, so
    // fields 1, 3 and 5 are absent and read as absent, not as 0 mV
    CellStats temperaturesOnly = CellStats.newBuilder().setMinTempDc(251).setMinTempIndex(3).setMaxTempDc(262)
        .setMaxTempIndex(5).build();
    assertEquals("30f6033803408c044805", HEX.formatHex(temperaturesOnly.toByteArray()));
    CellStats read = CellStats.parseFrom(HEX.parseHex("30f6033803408c044805"));
    assertEquals(temperaturesOnly, read);
    assertFalse(read.hasMinMv());
    assertFalse(read.hasMaxMv());
    assertFalse(read.hasMeanMv());
    // v1.0: 08 e0 19 (1: min_mv 3296) | 10 01 (2: min_index 1) | 18 e9 19 (3: max_mv 3305)
    // | 20 03 (4: max_index 3) | 28 e4 19 (5: mean_mv 3300): present, with the same bytes as before
    CellStats voltages = CellStats.parseFrom(HEX.parseHex("08e019100118e919200328e419"));
    assertTrue(voltages.hasMinMv() && voltages.hasMaxMv() && voltages.hasMeanMv());
    assertEquals(3296, voltages.getMinMv());
    assertEquals(3305, voltages.getMaxMv());
    assertEquals(3300, voltages.getMeanMv());
    assertEquals("08e019100118e919200328e419", HEX.formatHex(CellStats.newBuilder().setMinMv(3296).setMinIndex(1)
        .setMaxMv(3305).setMaxIndex(3).setMeanMv(3300).build().toByteArray()));
    assertFalse(voltages.hasMinTempDc() || voltages.hasMaxTempDc());
    // v1.3: 30 00 (6: min_temp_dc 0) | 40 00 (8: max_temp_dc 0): a known 0.0 degC is written
    CellStats zero = CellStats.parseFrom(HEX.parseHex("30004000"));
    assertTrue(zero.hasMinTempDc() && zero.hasMaxTempDc());
    assertEquals("30004000", HEX.formatHex(CellStats.newBuilder().setMinTempDc(0).setMaxTempDc(0).build().toByteArray()));
  }

  @Test
  void energyRecord() throws Exception {
    EnergyRecord record = EnergyRecord.newBuilder()
        .setHeader(header())
        .setConsumptionPointId("KZ1-CP1")
        .setPeriodEndUnixS(1_764_115_500L)
        .setPeriodS(300)
        .setConsumedWh(12_345)
        .setRegeneratedWh(678)
        .setTimeStatus(DataStatus.DATA_VALID)
        .setQualityWord(1 << EnergyQualityBit.ENERGY_INCOMPLETE_PERIOD_VALUE)
        .build();
    String expected = "0a1a" + HEADER
        + "12074b5a312d435031"                   // 2: consumption_point_id "KZ1-CP1"
        + "18ac8899c906"                         // 3: period_end_unix_s = 1764115500
        + "20ac02"                               // 4: period_s = 300
        + "28b960"                               // 5: consumed_wh = 12345
        + "30a605"                               // 6: regenerated_wh = 678
        + "5801"                                 // 11: time_status = DATA_VALID
        + "7040";                                // 14: quality_word = 1 << 6 (incomplete period)
    assertEquals(expected, HEX.formatHex(record.toByteArray()));
    assertEquals(record, EnergyRecord.parseFrom(HEX.parseHex(expected)));
  }

  @Test
  void alarm() throws Exception {
    Alarm alarm = Alarm.newBuilder()
        .setHeader(header())
        .setCode("CELL_VOLTAGE_HIGH")
        .setTier(AlarmTier.ALARM_REDUCE)
        .setEvent(AlarmEvent.ALARM_RAISED)
        .setChannel(Channel.CHANNEL_CELL_VOLTAGE)
        .setIndex(17)
        .setValueMilli(3612)
        .setLimitMilli(3600)
        .setUnit("V")
        .build();
    String expected = "0a1a" + HEADER
        + "1211" + HEX.formatHex("CELL_VOLTAGE_HIGH".getBytes()) // 2: code
        + "1802"                                 // 3: tier = ALARM_REDUCE
        + "2001"                                 // 4: event = ALARM_RAISED
        + "2803"                                 // 5: channel = CHANNEL_CELL_VOLTAGE
        + "3011"                                 // 6: index = 17
        + "38b838"                               // 7: value_milli sint64 zigzag 3612
        + "40a038"                               // 8: limit_milli sint64 zigzag 3600
        + "4a0156";                              // 9: unit "V"
    assertEquals(expected, HEX.formatHex(alarm.toByteArray()));
    assertEquals(alarm, Alarm.parseFrom(HEX.parseHex(expected)));
  }

  @Test
  void status() throws Exception {
    Status status = Status.newBuilder().setHeader(header()).setLink(LinkState.LINK_OFFLINE)
        .setQueueDepth(42).setDroppedTelemetry(7).build();
    String expected = "0a1a" + HEADER
        + "1002"                                 // 2: link = LINK_OFFLINE
        + "202a"                                 // 4: queue_depth = 42
        + "3007";                                // 6: dropped_telemetry = 7
    assertEquals(expected, HEX.formatHex(status.toByteArray()));
    assertEquals(status, Status.parseFrom(HEX.parseHex(expected)));
  }

  @Test
  void tripSummary() throws Exception {
    TripSummary trip = TripSummary.newBuilder().setHeader(header()).setTripId("T1")
        .setDistanceM(15_000).setMinCellTempDc(-125).build();
    String expected = "0a1a" + HEADER
        + "12025431"                             // 2: trip_id "T1"
        + "289875"                               // 5: distance_m = 15000
        + "50f901";                              // 10: min_cell_temp_dc sint32 zigzag -125
    assertEquals(expected, HEX.formatHex(trip.toByteArray()));
    assertEquals(trip, TripSummary.parseFrom(HEX.parseHex(expected)));
  }

  @Test
  void appendingAHistoricalHeaderMarksAnyMessageWithoutReencoding() throws Exception {
    // 0a 02 | 30 01: field 1 (header) holding field 6 (historical) = true. Protobuf merges repeated
    // occurrences of an embedded message, so the stored bytes plus this suffix decode as historical.
    byte[] suffix = HEX.parseHex("0a023001");
    byte[] stored = HEX.parseHex("0a1a" + HEADER + "1002");
    byte[] marked = new byte[stored.length + suffix.length];
    System.arraycopy(stored, 0, marked, 0, stored.length);
    System.arraycopy(suffix, 0, marked, stored.length, suffix.length);
    Status status = Status.parseFrom(marked);
    assertTrue(status.getHeader().getHistorical());
    assertEquals(300, status.getHeader().getSequence());
    assertEquals(LinkState.LINK_OFFLINE, status.getLink());
  }
}
