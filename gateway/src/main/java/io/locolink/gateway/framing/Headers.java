package io.locolink.gateway.framing;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.locolink.gateway.acquisition.ClockQuality;
import io.locolink.proto.v1.Header;
import java.time.Instant;

/** Converts {@link HeaderFields} to and from the wire header. */
public final class Headers {

  private Headers() {}

  public static Header toProto(HeaderFields fields) {
    return Header.newBuilder()
        .setLocomotiveId(fields.locomotiveId())
        .setBootId(fields.bootId())
        .setSequence(fields.sequence())
        .setTimeUnixMs(fields.time().toEpochMilli())
        .setClockQuality(switch (fields.clock()) {
          case SYNCED -> io.locolink.proto.v1.ClockQuality.CLOCK_SYNCED;
          case UNSYNCED -> io.locolink.proto.v1.ClockQuality.CLOCK_UNSYNCED;
          case STEPPED -> io.locolink.proto.v1.ClockQuality.CLOCK_STEPPED;
        })
        .build();
  }

  /**
   * The header of an encoded message of {@code kind}. A header without clock quality reads as
   * {@link ClockQuality#UNSYNCED}.
   *
   * @throws MalformedMessageException if the bytes are not such a message or carry no header
   */
  public static HeaderFields read(StreamKind kind, byte[] bytes) {
    Message message = kind.parse(bytes);
    FieldDescriptor field = message.getDescriptorForType().findFieldByNumber(1);
    if (field == null || !message.hasField(field)) {
      throw new MalformedMessageException("a " + kind.protoName() + " without a header (field 1)", null);
    }
    try {
      return fromProto((Header) message.getField(field));
    } catch (IllegalArgumentException e) {
      throw new MalformedMessageException("a " + kind.protoName() + " header that breaks the contract: "
          + e.getMessage(), e);
    }
  }

  /**
   * The fields of a wire header; one without clock quality reads as {@link ClockQuality#UNSYNCED}.
   *
   * @throws IllegalArgumentException if the header breaks the contract (a negative sequence)
   */
  static HeaderFields fromProto(Header h) {
    return new HeaderFields(h.getLocomotiveId(), h.getBootId(), h.getSequence(),
        Instant.ofEpochMilli(h.getTimeUnixMs()), switch (h.getClockQuality()) {
          case CLOCK_SYNCED -> ClockQuality.SYNCED;
          case CLOCK_STEPPED -> ClockQuality.STEPPED;
          default -> ClockQuality.UNSYNCED;
        });
  }
}
