package io.locolink.gateway.uplink;

import io.locolink.gateway.journal.Journal;
import io.locolink.gateway.journal.JournalRecord;
import io.locolink.gateway.journal.JournalStorageException;
import io.locolink.gateway.journal.StreamKind;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one connection sends, in which order. At connect, every record the journal already holds
 * is backlog; records appended after that are live. Live records go first; the backlog follows
 * (the caller flags it historical and paces it). Within each stream both parts run in sequence
 * order; across streams alarms come before energy, trips, telemetry and status. Not thread-safe
 * (one sender thread per connection).
 */
final class SendPlan {

  static final List<StreamKind> PRIORITY =
      List.of(StreamKind.ALARM, StreamKind.ENERGY, StreamKind.TRIP, StreamKind.TELEMETRY, StreamKind.STATUS);

  private final Journal journal;
  private final Map<StreamKind, Long> boundary = new EnumMap<>(StreamKind.class);
  private final Map<StreamKind, Long> liveAfter = new EnumMap<>(StreamKind.class);
  private final Map<StreamKind, Long> backlogAfter = new EnumMap<>(StreamKind.class);
  private boolean backlogDone;

  SendPlan(Journal journal) {
    this.journal = journal;
    for (StreamKind kind : StreamKind.values()) {
      long last = journal.lastSequence(kind);
      boundary.put(kind, last);
      liveAfter.put(kind, last);
      backlogAfter.put(kind, 0L);
    }
  }

  /** The next live record not yet sent on this connection. */
  Optional<JournalRecord> nextLive() throws JournalStorageException {
    for (StreamKind kind : PRIORITY) {
      Optional<JournalRecord> r = journal.next(kind, liveAfter.get(kind), Long.MAX_VALUE);
      if (r.isPresent()) {
        liveAfter.put(kind, r.get().sequence());
        return r;
      }
    }
    return Optional.empty();
  }

  /** The next backlog record not yet sent on this connection. */
  Optional<JournalRecord> nextBacklog() throws JournalStorageException {
    if (backlogDone) {
      return Optional.empty();
    }
    for (StreamKind kind : PRIORITY) {
      Optional<JournalRecord> r = journal.next(kind, backlogAfter.get(kind), boundary.get(kind));
      if (r.isPresent()) {
        backlogAfter.put(kind, r.get().sequence());
        return r;
      }
    }
    backlogDone = true;
    return Optional.empty();
  }

  /** True once every backlog record was handed out. */
  boolean backlogDone() {
    return backlogDone;
  }
}
