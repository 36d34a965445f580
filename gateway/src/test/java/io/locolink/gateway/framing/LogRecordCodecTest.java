package io.locolink.gateway.framing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.acquisition.ClockQuality;
import io.locolink.proto.v1.Alarm;
import io.locolink.proto.v1.AlarmEvent;
import io.locolink.proto.v1.Header;
import io.locolink.proto.v1.LogRecord;
import io.locolink.proto.v1.Status;
import io.locolink.proto.v1.TelemetryFrame;
import io.locolink.proto.v1.TripSummary;
import io.locolink.testing.SyntheticTrip;
import io.locolink.testing.SyntheticTrip.State;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The trip log's records and the trip summary, written by framing's codecs, against what the
 * generated classes write and read (records.proto, protobuf encoding guide): the bytes of every log
 * written before the codecs moved here.
 */
class LogRecordCodecTest {

  static final Instant T0 = Instant.parse("2026-11-20T06:00:00Z");

  @Test
  void anEncodedFrameIsWrappedAsLogRecordFieldOneWithoutParsing() {
    byte[] body = SyntheticTrip.frame(1, T0, new State(true, 20, 700, 100, 50, 25, 70, 80), 100, new Random(1))
        .toByteArray();
    byte[] wrapped = LogRecordCodec.wrap(StreamKind.TELEMETRY, body);
    // records.proto: LogRecord.frame = 1, length-delimited -> tag byte (1 << 3) | 2 = 0x0A,
    // then the length as a base-128 varint, then the frame's own bytes
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.write(0x0A);
    for (long n = body.length; ; n >>>= 7) {
      if (n < 0x80) {
        expected.write((int) n);
        break;
      }
      expected.write((int) (n & 0x7F) | 0x80);
    }
    expected.writeBytes(body);
    assertTrue(body.length >= 128, "a length that needs two varint bytes: " + body.length);
    assertArrayEquals(expected.toByteArray(), wrapped);
  }

  @Test
  void everyKindIsWrappedAsTheGeneratedClassWritesIt() throws Exception {
    TelemetryFrame frame = SyntheticTrip.frame(2, T0, new State(true, 20, 700, 100, 50, 25, 70, 80), 100,
        new Random(2));
    var energy = SyntheticTrip.energy(T0.plusSeconds(300), 10, 0, 7);
    Alarm alarm = SyntheticTrip.alarm(T0.plusSeconds(29), AlarmEvent.ALARM_RAISED, 0);
    Status status = Status.newBuilder().setHeader(Header.newBuilder().setLocomotiveId("TEST-001")).build();
    assertArrayEquals(LogRecord.newBuilder().setFrame(frame).build().toByteArray(),
        LogRecordCodec.wrap(StreamKind.TELEMETRY, frame.toByteArray()));
    assertArrayEquals(LogRecord.newBuilder().setEnergy(energy).build().toByteArray(),
        LogRecordCodec.wrap(StreamKind.ENERGY, energy.toByteArray()));
    assertArrayEquals(LogRecord.newBuilder().setAlarm(alarm).build().toByteArray(),
        LogRecordCodec.wrap(StreamKind.ALARM, alarm.toByteArray()));
    assertArrayEquals(LogRecord.newBuilder().setStatus(status).build().toByteArray(),
        LogRecordCodec.wrap(StreamKind.STATUS, status.toByteArray()));
    // records.proto: energy = 2 -> tag 0x12; alarm = 3 -> 0x1A; trip = 4 -> 0x22; status = 5 -> 0x2A
    assertEquals(0x12, LogRecordCodec.wrap(StreamKind.ENERGY, energy.toByteArray())[0]);
    assertEquals(0x1A, LogRecordCodec.wrap(StreamKind.ALARM, alarm.toByteArray())[0]);
    assertEquals(0x22, LogRecordCodec.wrap(checkpoint())[0]);
    assertEquals(0x2A, LogRecordCodec.wrap(StreamKind.STATUS, status.toByteArray())[0]);
  }

  @Test
  void recordsWrittenByTheGeneratedClassReadBackAsTheirKindAndBytes() {
    var energy = SyntheticTrip.energy(T0.plusSeconds(300), 10, 0, 7);
    LogRecordCodec.Entry e = LogRecordCodec.read(LogRecord.newBuilder().setEnergy(energy).build().toByteArray())
        .orElseThrow();
    assertEquals(StreamKind.ENERGY, e.kind());
    assertArrayEquals(energy.toByteArray(), e.message());
    TripSummary summary = TripSummary.newBuilder().setHeader(Header.getDefaultInstance()).setTripId("x")
        .setFrames(3).build();
    LogRecordCodec.Entry t = LogRecordCodec.read(LogRecord.newBuilder().setTrip(summary).build().toByteArray())
        .orElseThrow();
    assertEquals(StreamKind.TRIP, t.kind());
    assertEquals(3, TripSummaryCodec.decode(t.message()).frames());
    assertEquals(Optional.empty(), LogRecordCodec.read(new byte[0]), "a record holding none of the kinds");
  }

  @Test
  void readingFollowsTheGeneratedParserOnUnknownRepeatedAndConflictingFields() throws Exception {
    Alarm first = Alarm.newBuilder().setCode("A").setIndex(3).build();
    Alarm second = Alarm.newBuilder().setCode("B").build();
    ByteArrayOutputStream twice = new ByteArrayOutputStream();
    twice.writeBytes(new byte[] {(byte) 0xF8, 0x01, 0x05});  // field 31, varint 5: unknown, skipped
    twice.writeBytes(LogRecord.newBuilder().setAlarm(first).build().toByteArray());
    twice.writeBytes(LogRecord.newBuilder().setAlarm(second).build().toByteArray());
    byte[] bytes = twice.toByteArray();
    Alarm merged = LogRecord.parseFrom(bytes).getAlarm();
    assertEquals("B", merged.getCode());
    assertEquals(3, merged.getIndex(), "the same field twice merges");
    assertEquals(merged, Alarm.parseFrom(LogRecordCodec.read(bytes).orElseThrow().message()));

    ByteArrayOutputStream conflicting = new ByteArrayOutputStream();
    conflicting.writeBytes(LogRecord.newBuilder().setAlarm(first).build().toByteArray());
    conflicting.writeBytes(LogRecord.newBuilder().setTrip(TripSummary.newBuilder().setTripId("t")).build()
        .toByteArray());
    assertEquals(LogRecord.RecordCase.TRIP, LogRecord.parseFrom(conflicting.toByteArray()).getRecordCase());
    assertEquals(StreamKind.TRIP, LogRecordCodec.read(conflicting.toByteArray()).orElseThrow().kind(),
        "the last oneof field wins");
  }

  @Test
  void bytesThatAreNoRecordAreRefused() {
    // field 1, length-delimited, length 50, but only two bytes follow
    assertThrows(MalformedMessageException.class, () -> LogRecordCodec.read(new byte[] {0x0A, 50, 1, 2}));
    // a varint that never ends
    assertThrows(MalformedMessageException.class, () -> LogRecordCodec.read(new byte[] {
        0x08, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}));
  }

  @Test
  void aSummaryIsWrittenAsTheGeneratedClassWroteIt() {
    // a checkpoint: an empty header, present (field 1, length 0)
    TripSummary checkpoint = TripSummary.newBuilder().setHeader(Header.getDefaultInstance())
        .setTripId("20261120T060000Z-0001").setStartUnixMs(T0.toEpochMilli())
        .setEndUnixMs(T0.plusSeconds(400).toEpochMilli()).setDistanceM(4_000).setConsumedWh(7_765)
        .setRegeneratedWh(0).setSocStartPermille(800).setSocEndPermille(771).setMinCellTempDc(-52)
        .setMaxCellTempDc(282).setAlarms(2).setCo2AvoidedG(-300).setDieselMl(2_000)
        .setFrames(399).build();
    assertArrayEquals(LogRecord.newBuilder().setTrip(checkpoint).build().toByteArray(),
        LogRecordCodec.wrap(checkpoint()));
    assertArrayEquals(checkpoint.toByteArray(), TripSummaryCodec.encode(checkpoint()));
    assertEquals(checkpoint(), TripSummaryCodec.decode(checkpoint.toByteArray()));

    HeaderFields header = new HeaderFields("TEST-001", 0x1234_5678_9ABCL, 42, T0, ClockQuality.SYNCED);
    TripSummary published = checkpoint.toBuilder().setHeader(Header.newBuilder().setLocomotiveId("TEST-001")
        .setBootId(0x1234_5678_9ABCL).setSequence(42).setTimeUnixMs(T0.toEpochMilli())
        .setClockQuality(io.locolink.proto.v1.ClockQuality.CLOCK_SYNCED)).build();
    assertArrayEquals(published.toByteArray(), TripSummaryCodec.encode(checkpoint().withHeader(header)));
    assertEquals(checkpoint().withHeader(header), TripSummaryCodec.decode(published.toByteArray()));
  }

  @Test
  void aTemperatureIsWrittenOnlyWhenKnownAndZeroIsKnown() {
    // the winding never read good: field 12 absent; the cells read 0.0 and 0.0 degC: fields 10 and 11
    // written as tag (10 << 3 | 0 = 0x50, 11 << 3 | 0 = 0x58) and zigzag 0 (0x00), after the SoC's field 9
    TripSummaryFields s = new TripSummaryFields(Optional.empty(), "", T0, T0, 0, 0, 0, 0, 0, OptionalInt.of(0),
        OptionalInt.of(0), OptionalInt.empty(), 0, 0, 0, 0);
    String hex = java.util.HexFormat.of().formatHex(TripSummaryCodec.encode(s));
    assertEquals("0a00" + "18" + varint(T0.toEpochMilli()) + "20" + varint(T0.toEpochMilli()) + "5000" + "5800", hex);
    TripSummaryFields back = TripSummaryCodec.decode(TripSummaryCodec.encode(s));
    assertEquals(OptionalInt.of(0), back.minCellTempDc());
    assertEquals(OptionalInt.of(0), back.maxCellTempDc());
    assertEquals(OptionalInt.empty(), back.maxMotorTempDc());
    assertTrue(TripSummaryCodec.json(TripSummaryCodec.encode(s)).contains("\"minCellTempDc\": 0,\n"));
    assertFalse(TripSummaryCodec.json(TripSummaryCodec.encode(s)).contains("maxMotorTempDc"));
  }

  @Test
  void aSummaryOfAnEarlierReleaseWithoutTemperaturesReadsThemAsUnknown() {
    // earlier releases wrote 0 for a temperature never read good, which proto3 left out: fields 10 to
    // 12 absent. Bytes: field 2 (tag 0x12, length 2) "T1", field 13 (tag 0x68) 1
    TripSummaryFields s = TripSummaryCodec.decode(java.util.HexFormat.of().parseHex("1202" + "5431" + "6801"));
    assertEquals("T1", s.tripId());
    assertEquals(1, s.alarms());
    assertEquals(OptionalInt.empty(), s.minCellTempDc());
    assertEquals(OptionalInt.empty(), s.maxCellTempDc());
    assertEquals(OptionalInt.empty(), s.maxMotorTempDc());
  }

  /** {@code v} as a protobuf varint, in hex (base 128, least significant group first). */
  private static String varint(long v) {
    StringBuilder out = new StringBuilder();
    while ((v & ~0x7FL) != 0) {
      out.append(String.format("%02x", (v & 0x7F) | 0x80));
      v >>>= 7;
    }
    return out.append(String.format("%02x", v)).toString();
  }

  @Test
  void aSummaryAsJsonUsesTheProto3Names() {
    String json = TripSummaryCodec.json(TripSummaryCodec.encode(checkpoint()));
    assertTrue(json.contains("\"tripId\": \"20261120T060000Z-0001\""), json);
    assertTrue(json.contains("\"co2AvoidedG\": \"-300\""), json);
    assertThrows(MalformedMessageException.class, () -> TripSummaryCodec.json(new byte[] {0x0A, 50}));
  }

  private static TripSummaryFields checkpoint() {
    return new TripSummaryFields(Optional.empty(), "20261120T060000Z-0001", T0, T0.plusSeconds(400), 4_000, 7_765, 0,
        800, 771, OptionalInt.of(-52), OptionalInt.of(282), OptionalInt.empty(), 2, -300, 2_000, 399);
  }
}
