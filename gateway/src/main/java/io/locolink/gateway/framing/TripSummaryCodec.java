package io.locolink.gateway.framing;

import com.google.protobuf.InvalidProtocolBufferException;
import io.locolink.proto.v1.Header;
import io.locolink.proto.v1.TripSummary;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@link TripSummaryFields} to and from the wire's {@code locolink.v1.TripSummary}, and its JSON
 * form for the depot. A summary without a header is written with an empty header (field 1 present,
 * no content), as the checkpoints of a trip log always were; an empty or absent header reads back
 * as none. A temperature is written only when known (0.0 °C included), and an absent one reads back
 * empty. Stateless, thread-safe.
 */
public final class TripSummaryCodec {

  private TripSummaryCodec() {}

  /** The encoded message. */
  public static byte[] encode(TripSummaryFields summary) {
    return toProto(summary).toByteArray();
  }

  /**
   * Parses and decodes wire bytes.
   *
   * @throws MalformedMessageException if the bytes are not a locolink.v1.TripSummary or break its contract
   */
  public static TripSummaryFields decode(byte[] bytes) {
    try {
      return fromProto(TripSummary.parseFrom(bytes));
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedMessageException("not a locolink.v1.TripSummary: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new MalformedMessageException("a locolink.v1.TripSummary that breaks the contract: " + e.getMessage(), e);
    }
  }

  /**
   * An encoded summary as JSON (proto3 JSON mapping, indented by two spaces a level).
   *
   * @throws MalformedMessageException if the bytes are not a summary
   */
  public static String json(byte[] bytes) {
    try {
      StringBuilder out = new StringBuilder(512);
      ProtoJson.tripSummary(out, TripSummary.parseFrom(bytes), true);
      return out.toString();
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedMessageException("not a locolink.v1.TripSummary: " + e.getMessage(), e);
    }
  }

  static TripSummary toProto(TripSummaryFields s) {
    TripSummary.Builder b = TripSummary.newBuilder();
    s.minCellTempDc().ifPresent(b::setMinCellTempDc);
    s.maxCellTempDc().ifPresent(b::setMaxCellTempDc);
    s.maxMotorTempDc().ifPresent(b::setMaxMotorTempDc);
    return b
        .setHeader(s.header().map(Headers::toProto).orElse(Header.getDefaultInstance()))
        .setTripId(s.tripId())
        .setStartUnixMs(s.start().toEpochMilli())
        .setEndUnixMs(s.end().toEpochMilli())
        .setDistanceM(s.distanceM())
        .setConsumedWh(s.consumedWh())
        .setRegeneratedWh(s.regeneratedWh())
        .setSocStartPermille(s.socStartPermille())
        .setSocEndPermille(s.socEndPermille())
        .setAlarms((int) Math.min(0xFFFF_FFFFL, s.alarms()))
        .setCo2AvoidedG(s.co2AvoidedG())
        .setDieselMl(s.dieselMl())
        .setFrames(s.frames())
        .build();
  }

  static TripSummaryFields fromProto(TripSummary t) {
    Optional<HeaderFields> header = !t.hasHeader() || t.getHeader().equals(Header.getDefaultInstance())
        ? Optional.empty() : Optional.of(Headers.fromProto(t.getHeader()));
    return new TripSummaryFields(header, t.getTripId(), Instant.ofEpochMilli(t.getStartUnixMs()),
        Instant.ofEpochMilli(t.getEndUnixMs()), t.getDistanceM(), t.getConsumedWh(), t.getRegeneratedWh(),
        t.getSocStartPermille(), t.getSocEndPermille(),
        present(t.hasMinCellTempDc(), t.getMinCellTempDc()), present(t.hasMaxCellTempDc(), t.getMaxCellTempDc()),
        present(t.hasMaxMotorTempDc(), t.getMaxMotorTempDc()), Integer.toUnsignedLong(t.getAlarms()),
        t.getCo2AvoidedG(), t.getDieselMl(), t.getFrames());
  }

  private static OptionalInt present(boolean has, int value) {
    return has ? OptionalInt.of(value) : OptionalInt.empty();
  }
}
