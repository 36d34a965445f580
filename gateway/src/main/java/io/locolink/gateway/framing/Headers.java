package io.locolink.gateway.framing;

import io.locolink.proto.v1.Header;

/** Converts {@link HeaderFields} to the wire header. */
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
}
