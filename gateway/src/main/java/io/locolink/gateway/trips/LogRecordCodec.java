package io.locolink.gateway.trips;

import com.google.protobuf.InvalidProtocolBufferException;
import io.locolink.gateway.framing.Varint;
import io.locolink.proto.v1.Alarm;
import io.locolink.proto.v1.EnergyRecord;
import io.locolink.proto.v1.Header;
import io.locolink.proto.v1.LogRecord;
import io.locolink.proto.v1.TelemetryFrame;
import io.locolink.proto.v1.TripSummary;
import java.time.Instant;

/**
 * The trips package's only contact with the generated protobuf classes: wraps frames, energy
 * records, alarms and summaries as {@code LogRecord} bytes and converts {@link TripTotals} to and
 * from the {@code TripSummary} message. Stateless.
 */
public final class LogRecordCodec {

  private LogRecordCodec() {}

  public static byte[] wrap(TelemetryFrame frame) {
    return LogRecord.newBuilder().setFrame(frame).build().toByteArray();
  }

  public static byte[] wrap(EnergyRecord energy) {
    return LogRecord.newBuilder().setEnergy(energy).build().toByteArray();
  }

  public static byte[] wrap(Alarm alarm) {
    return LogRecord.newBuilder().setAlarm(alarm).build().toByteArray();
  }

  /** Wraps an already encoded {@code TelemetryFrame} as a {@code LogRecord} without parsing it. */
  public static byte[] wrapEncodedFrame(byte[] frame) {
    return wrapEncoded(LogRecord.FRAME_FIELD_NUMBER, frame);
  }

  /** Wraps an already encoded {@code EnergyRecord} as a {@code LogRecord} without parsing it. */
  static byte[] wrapEncodedEnergy(byte[] energy) {
    return wrapEncoded(LogRecord.ENERGY_FIELD_NUMBER, energy);
  }

  /** Wraps an already encoded {@code Alarm} as a {@code LogRecord} without parsing it. */
  static byte[] wrapEncodedAlarm(byte[] alarm) {
    return wrapEncoded(LogRecord.ALARM_FIELD_NUMBER, alarm);
  }

  /**
   * A {@code LogRecord} holding one message field as its bytes: the field's tag (field number,
   * wire type 2 = length-delimited), the length as a varint, then the bytes (protobuf encoding
   * spec), so a message framing encoded is logged as it is.
   */
  private static byte[] wrapEncoded(int fieldNumber, byte[] message) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(message.length + 6);
    out.write((fieldNumber << 3) | 2);
    Varint.write(out, message.length);
    out.writeBytes(message);
    return out.toByteArray();
  }

  public static byte[] wrap(TripSummary summary) {
    return LogRecord.newBuilder().setTrip(summary).build().toByteArray();
  }

  /**
   * Parses one record payload.
   *
   * @throws TripLogCorruptException if the bytes are not a {@code LogRecord}
   */
  public static LogRecord parse(byte[] payload) {
    try {
      return LogRecord.parseFrom(payload);
    } catch (InvalidProtocolBufferException e) {
      throw new TripLogCorruptException("record is not a LogRecord: " + e.getMessage());
    }
  }

  /** The summary message for {@code totals}. Values are rounded to the message's units. */
  public static TripSummary toProto(TripId id, TripTotals totals, Header header) {
    TripSummary.Builder b = TripSummary.newBuilder()
        .setHeader(header)
        .setTripId(id.value())
        .setStartUnixMs(totals.start().toEpochMilli())
        .setEndUnixMs(totals.end().toEpochMilli())
        .setDistanceM(Math.round(Math.max(0, totals.distanceM())))
        .setConsumedWh(Math.round(Math.max(0, totals.consumedWh())))
        .setRegeneratedWh(Math.round(Math.max(0, totals.regeneratedWh())))
        .setSocStartPermille(permille(totals.socStartPercent()))
        .setSocEndPermille(permille(totals.socEndPercent()))
        .setAlarms((int) Math.min(Integer.MAX_VALUE, totals.alarms()))
        .setCo2AvoidedG(totals.co2AvoidedG())
        .setDieselMl(Math.round(Math.max(0, totals.dieselMl())))
        .setFrames(totals.frames());
    totals.minCellTempC().ifPresent(t -> b.setMinCellTempDc(deci(t)));
    totals.maxCellTempC().ifPresent(t -> b.setMaxCellTempDc(deci(t)));
    totals.maxMotorTempC().ifPresent(t -> b.setMaxMotorTempDc(deci(t)));
    return b.build();
  }

  /** Start and end of a summary message. */
  static Instant start(TripSummary summary) {
    return Instant.ofEpochMilli(summary.getStartUnixMs());
  }

  static Instant end(TripSummary summary) {
    return Instant.ofEpochMilli(summary.getEndUnixMs());
  }

  /**
   * An encoded {@code TripSummary} as JSON (proto3 JSON mapping).
   *
   * @throws TripLogCorruptException if the bytes are not a summary
   */
  public static String summaryJson(byte[] summary) {
    try {
      return com.google.protobuf.util.JsonFormat.printer().print(TripSummary.parseFrom(summary));
    } catch (InvalidProtocolBufferException e) {
      throw new TripLogCorruptException("stored summary does not parse: " + e.getMessage());
    }
  }

  /** Encoded {@code EnergyRecord}s as a JSON array (proto3 JSON mapping). */
  public static String energyJson(java.util.List<byte[]> records) {
    StringBuilder out = new StringBuilder("[");
    try {
      for (byte[] r : records) {
        if (out.length() > 1) {
          out.append(',');
        }
        out.append(com.google.protobuf.util.JsonFormat.printer().omittingInsignificantWhitespace()
            .print(EnergyRecord.parseFrom(r)));
      }
    } catch (InvalidProtocolBufferException e) {
      throw new TripLogCorruptException("stored energy record does not parse: " + e.getMessage());
    }
    return out.append(']').toString();
  }

  /** Encoded {@code EnergyRecord}s, each prefixed by its varint length (protobuf delimited form). */
  public static byte[] energyDelimited(java.util.List<byte[]> records) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] r : records) {
      Varint.write(out, r.length);
      out.writeBytes(r);
    }
    return out.toByteArray();
  }

  /** A summary message with {@code header} set (recovered summaries carry none). */
  static TripSummary withHeader(TripSummary summary, Header header) {
    return summary.toBuilder().setHeader(header).build();
  }

  private static int permille(double percent) {
    return (int) Math.round(Math.max(0, Math.min(100, percent)) * 10);
  }

  private static int deci(double celsius) {
    return (int) Math.round(celsius * 10);
  }
}
