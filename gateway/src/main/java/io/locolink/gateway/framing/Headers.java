package io.locolink.gateway.framing;

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

  public static HeaderFields fromProto(Header header) {
    ClockQuality clock = switch (header.getClockQuality()) {
      case CLOCK_SYNCED -> ClockQuality.SYNCED;
      case CLOCK_STEPPED -> ClockQuality.STEPPED;
      default -> ClockQuality.UNSYNCED;
    };
    return new HeaderFields(header.getLocomotiveId(), header.getBootId(), header.getSequence(),
        Instant.ofEpochMilli(header.getTimeUnixMs()), clock);
  }
}
