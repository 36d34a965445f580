package io.locolink.gateway.trips;

import io.locolink.proto.v1.TripSummary;
import java.util.Objects;

/**
 * A trip that just closed: its place in the store and its summary message, ready to publish on
 * {@code locolink/v1/{loco}/trip}.
 *
 * @param info the store's entry for the trip
 * @param summary the summary message (also the last record of the trip's log)
 */
public record FinishedTrip(TripInfo info, TripSummary summary) {

  public FinishedTrip {
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(summary, "summary");
  }

  /** The sequence number in the summary's header (the outbox/journal key). */
  public long sequence() {
    return summary.getHeader().getSequence();
  }

  /** The encoded summary, the MQTT payload. */
  public byte[] summaryBytes() {
    return summary.toByteArray();
  }
}
