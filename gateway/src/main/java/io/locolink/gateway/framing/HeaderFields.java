package io.locolink.gateway.framing;

import io.locolink.gateway.acquisition.ClockQuality;
import java.time.Instant;
import java.util.Objects;

/**
 * What every message's header carries.
 *
 * @param locomotiveId the locomotive's id
 * @param bootId random per gateway start
 * @param sequence per-locomotive sequence number, strictly increasing across restarts
 * @param time UTC at the start of the message's span
 * @param clock how far {@code time} can be trusted
 */
public record HeaderFields(String locomotiveId, long bootId, long sequence, Instant time, ClockQuality clock) {

  public HeaderFields {
    Objects.requireNonNull(locomotiveId, "locomotiveId");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(clock, "clock");
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must be >= 0, got " + sequence);
    }
  }
}
