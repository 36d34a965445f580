package io.locolink.gateway.uplink;

import io.locolink.gateway.journal.Journal;
import io.locolink.gateway.journal.JournalRecord;
import io.locolink.gateway.journal.JournalStorageException;
import io.locolink.gateway.framing.StreamKind;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one connection sends, in which order. At connect, every record the journal already holds
 * is backlog; records appended after that are live. Live records go first; the backlog follows
 * (the caller flags it historical and paces it). Within each stream both parts run in sequence
 * order; across streams alarms come before energy, trips and telemetry. Not thread-safe
 * (one sender thread per connection).
 */
final class SendPlan {

  static final List<StreamKind> PRIORITY =
      List.of(StreamKind.ALARM, StreamKind.ENERGY, StreamKind.TRIP, StreamKind.TELEMETRY);

  private final Journal journal;
  private final Map<StreamKind, Long> boundary = new EnumMap<>(StreamKind.class);
  private final Map<StreamKind, Long> liveAfter = new EnumMap<>(StreamKind.class);
  private final Map<StreamKind, Long> backlogAfter = new EnumMap<>(StreamKind.class);
  private final ArrayDeque<JournalRecord> live = new ArrayDeque<>();
  private final ArrayDeque<JournalRecord> backlog = new ArrayDeque<>();
  private final Set<String> skipped = new HashSet<>();
  private boolean backlogDone;

  /** Records read from the journal at once (one lock, fewer hand-offs with the appending thread). */
  static final int BATCH = 16;

  SendPlan(Journal journal) {
    this.journal = journal;
    for (StreamKind kind : PRIORITY) {
      long last = journal.lastSequence(kind);
      boundary.put(kind, last);
      liveAfter.put(kind, last);
      backlogAfter.put(kind, 0L);
    }
  }

  /** The next live record not yet sent on this connection. */
  Optional<JournalRecord> nextLive() throws JournalStorageException {
    if (live.isEmpty()) {
      for (StreamKind kind : PRIORITY) {
        long after = liveAfter.get(kind);
        if (journal.newestSequence(kind) <= after) {
          continue;  // nothing appended to this stream since: no need for the journal's lock
        }
        List<JournalRecord> batch = journal.next(kind, after, Long.MAX_VALUE, BATCH);
        if (!batch.isEmpty()) {
          liveAfter.put(kind, batch.getLast().sequence());
          live.addAll(batch);
          break;
        }
      }
    }
    return Optional.ofNullable(poll(live));
  }

  /** The next backlog record not yet sent on this connection. */
  Optional<JournalRecord> nextBacklog() throws JournalStorageException {
    if (backlog.isEmpty() && !backlogDone) {
      for (StreamKind kind : PRIORITY) {
        List<JournalRecord> batch = journal.next(kind, backlogAfter.get(kind), boundary.get(kind), BATCH);
        if (!batch.isEmpty()) {
          backlogAfter.put(kind, batch.getLast().sequence());
          backlog.addAll(batch);
          break;
        }
      }
      backlogDone = backlog.isEmpty();
    }
    return Optional.ofNullable(poll(backlog));
  }

  /**
   * Leaves out one record from here on (the policy sends it itself, alone); a record already
   * handed out is not affected.
   */
  void skip(StreamKind kind, long sequence) {
    skipped.add(kind.name() + sequence);
  }

  private JournalRecord poll(ArrayDeque<JournalRecord> queue) {
    JournalRecord r = queue.poll();
    while (r != null && !skipped.isEmpty() && skipped.contains(r.kind().name() + r.sequence())) {
      r = queue.poll();
    }
    return r;
  }

  /** True once every backlog record was handed out. */
  boolean backlogDone() {
    return backlogDone && backlog.isEmpty();
  }
}
