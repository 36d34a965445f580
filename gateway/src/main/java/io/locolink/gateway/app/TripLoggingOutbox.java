package io.locolink.gateway.app;

import io.locolink.gateway.framing.StreamKind;
import io.locolink.gateway.trips.TripRecorder;

/** Stores every message in the journal first, then logs it into the running trip. */
final class TripLoggingOutbox implements Outbox {

  private final Outbox journal;
  private final TripRecorder trips;

  TripLoggingOutbox(Outbox journal, TripRecorder trips) {
    this.journal = journal;
    this.trips = trips;
  }

  @Override
  public long nextSequence() {
    return journal.nextSequence();
  }

  @Override
  public void append(StreamKind kind, long sequence, byte[] payload) {
    journal.append(kind, sequence, payload);
    trips.onRecord(kind, payload);
  }
}
