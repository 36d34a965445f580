package io.locolink.gateway.framing;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.locolink.proto.v1.LogRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The records of a trip log: one {@code locolink.v1.LogRecord} each, a oneof of the five message
 * kinds (frame = 1, energy = 2, alarm = 3, trip = 4, status = 5). An already encoded message is
 * wrapped as it is, without parsing it, and reading hands back the inner message's bytes, without
 * parsing them; decode them with the kind's codec. Stateless, thread-safe.
 */
public final class LogRecordCodec {

  private LogRecordCodec() {}

  /**
   * One record of a trip log.
   *
   * @param kind which message the record holds
   * @param message the message's encoded bytes
   */
  public record Entry(StreamKind kind, byte[] message) {
    public Entry {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * The record holding {@code message}, an encoded message of {@code kind}: the oneof field's tag
   * (field number, wire type 2 = length-delimited), the length as a varint, then the bytes
   * (protobuf encoding guide), exactly what the generated {@code LogRecord} writes.
   */
  public static byte[] wrap(StreamKind kind, byte[] message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 6);
    Varint.write(out, (fieldNumber(kind) << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED);
    Varint.write(out, message.length);
    out.writeBytes(message);
    return out.toByteArray();
  }

  /** The record holding {@code summary}. */
  public static byte[] wrap(TripSummaryFields summary) {
    return wrap(StreamKind.TRIP, TripSummaryCodec.encode(summary));
  }

  /**
   * Reads one record. As the generated parser does, fields it does not know are skipped, the last
   * oneof field read wins, and a field that comes twice is merged (for protobuf messages, the
   * concatenation of the two encodings).
   *
   * @return the record's message; empty for a record that holds none of the five kinds
   * @throws MalformedMessageException if the bytes are not a {@code LogRecord}
   */
  public static Optional<Entry> read(byte[] payload) {
    CodedInputStream in = CodedInputStream.newInstance(payload);
    StreamKind kind = null;
    byte[] message = null;
    try {
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        Optional<StreamKind> field = WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED
            ? kindOf(WireFormat.getTagFieldNumber(tag)) : Optional.empty();
        if (field.isEmpty()) {
          if (!in.skipField(tag)) {
            throw new MalformedMessageException("not a locolink.v1.LogRecord: an end-group tag without a group", null);
          }
          continue;
        }
        byte[] bytes = in.readByteArray();
        message = field.get() == kind ? concat(message, bytes) : bytes;
        kind = field.get();
      }
    } catch (IOException e) {
      throw new MalformedMessageException("not a locolink.v1.LogRecord: " + e.getMessage(), e);
    }
    return kind == null ? Optional.empty() : Optional.of(new Entry(kind, message));
  }

  private static int fieldNumber(StreamKind kind) {
    return switch (kind) {
      case TELEMETRY -> LogRecord.FRAME_FIELD_NUMBER;
      case ENERGY -> LogRecord.ENERGY_FIELD_NUMBER;
      case ALARM -> LogRecord.ALARM_FIELD_NUMBER;
      case TRIP -> LogRecord.TRIP_FIELD_NUMBER;
      case STATUS -> LogRecord.STATUS_FIELD_NUMBER;
    };
  }

  private static Optional<StreamKind> kindOf(int fieldNumber) {
    for (StreamKind kind : StreamKind.values()) {
      if (fieldNumber(kind) == fieldNumber) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }
}
