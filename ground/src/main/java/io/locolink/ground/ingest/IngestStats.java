package io.locolink.ground.ingest;

import io.locolink.ground.store.WriteResult;
import java.util.concurrent.atomic.AtomicLong;

/** The ingest's counters since start. Thread-safe. */
public final class IngestStats {

  final AtomicLong received = new AtomicLong();
  final AtomicLong stored = new AtomicLong();
  final AtomicLong duplicates = new AtomicLong();
  final AtomicLong deadLetters = new AtomicLong();
  final AtomicLong batches = new AtomicLong();
  final AtomicLong acknowledged = new AtomicLong();
  final AtomicLong unacknowledged = new AtomicLong();
  final AtomicLong statusCopies = new AtomicLong();
  final AtomicLong held = new AtomicLong();

  void add(WriteResult r) {
    stored.addAndGet(r.stored());
    duplicates.addAndGet(r.duplicates());
    deadLetters.addAndGet(r.deadLetters());
    batches.incrementAndGet();
  }

  /** Messages handed over by the broker. */
  public long received() {
    return received.get();
  }

  /** Messages new to the store. */
  public long stored() {
    return stored.get();
  }

  /** Messages the store already held. */
  public long duplicates() {
    return duplicates.get();
  }

  /** Messages kept aside as refused. */
  public long deadLetters() {
    return deadLetters.get();
  }

  /** Committed batches. */
  public long batches() {
    return batches.get();
  }

  /** QoS 1 messages acknowledged after their batch was committed. */
  public long acknowledged() {
    return acknowledged.get();
  }

  /**
   * Live statuses that arrived through the plain status subscription as well as through the shared one:
   * acknowledged and not stored, since the shared subscription's copy is (neither stored nor duplicates).
   */
  public long statusCopies() {
    return statusCopies.get();
  }

  /**
   * Messages the broker held for the station from before its connection subscribed (while it was away,
   * or not acknowledged): stored as any other, but they keep no locomotive fresh.
   */
  public long held() {
    return held.get();
  }

  /** Committed messages whose acknowledgement could not be sent (their connection was gone). */
  public long unacknowledged() {
    return unacknowledged.get();
  }
}
