package io.locolink.gateway.trips;

import io.locolink.gateway.framing.HeaderFields;
import io.locolink.gateway.framing.TripSummaryCodec;
import io.locolink.gateway.framing.TripSummaryFields;
import java.util.Objects;

/**
 * A trip that just closed: its place in the store and its summary, ready to publish on
 * {@code locolink/v1/{loco}/trip}.
 *
 * @param info the store's entry for the trip
 * @param summary the summary (also the last record of the trip's log); it carries a header
 */
public record FinishedTrip(TripInfo info, TripSummaryFields summary) {

  public FinishedTrip {
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(summary, "summary");
    if (summary.header().isEmpty()) {
      throw new IllegalArgumentException("a finished trip's summary carries a header");
    }
  }

  /** The sequence number in the summary's header (the outbox/journal key). */
  public long sequence() {
    return summary.header().map(HeaderFields::sequence).orElseThrow();
  }

  /** The encoded summary, the MQTT payload. */
  public byte[] summaryBytes() {
    return TripSummaryCodec.encode(summary);
  }
}
