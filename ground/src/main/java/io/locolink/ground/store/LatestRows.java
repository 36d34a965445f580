package io.locolink.ground.store;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * When each locomotive's row of {@code locomotive_latest} is rewritten: at most once per interval.
 * A batch writes the latest row of a locomotive whose row was last written at least an interval
 * ago (or never, by this writer); for the others it only remembers the newest stored second, which
 * {@link BatchWriter#flushLatest} writes once the interval has passed. The per-second rows are
 * already committed then, so the flush only copies a committed row. With a live fleet (a frame a
 * second) the row is rewritten once an interval instead of once a frame; it lags the newest stored
 * frame by at most the interval and the writer's turn. Thread-safe.
 */
final class LatestRows {

  /** A locomotive's newest stored second not yet written to its latest row: its times and its name. */
  record Pending(StateUpdates.Newest newest, String name) {}

  private final long intervalNanos;
  /** {@link System#nanoTime()} at the last write of each locomotive's row (id). */
  private final Map<Integer, Long> writtenNanos = new HashMap<>();
  private final Map<Integer, Pending> pending = new HashMap<>();

  LatestRows(long intervalNanos) {
    this.intervalNanos = intervalNanos;
  }

  /**
   * Of a batch's newest second per locomotive, those whose rows are due now (with any newer second
   * pending for them); the others are left out, to be deferred once the batch is committed.
   */
  synchronized Map<Integer, StateUpdates.Newest> due(Map<Integer, StateUpdates.Newest> newest, long nowNanos) {
    Map<Integer, StateUpdates.Newest> due = new TreeMap<>();
    for (var e : newest.entrySet()) {
      if (isDue(e.getKey(), nowNanos)) {
        Pending p = pending.get(e.getKey());
        due.put(e.getKey(), p == null ? e.getValue() : p.newest().and(e.getValue()));
      }
    }
    return due;
  }

  private boolean isDue(int id, long nowNanos) {
    Long last = writtenNanos.get(id);
    return last == null || nowNanos - last >= intervalNanos;
  }

  /**
   * After a commit: the rows in {@code written} were written at {@code nowNanos}; the seconds in
   * {@code deferred} are stored and wait for a flush.
   */
  synchronized void committed(Map<Integer, StateUpdates.Newest> written, Map<Integer, Pending> deferred,
      long nowNanos) {
    for (var e : written.entrySet()) {
      writtenNanos.put(e.getKey(), nowNanos);
      Pending p = pending.get(e.getKey());
      if (p != null && e.getValue().covers(p.newest())) {
        pending.remove(e.getKey());
      }
    }
    for (var e : deferred.entrySet()) {
      pending.merge(e.getKey(), e.getValue(), (a, b) -> new Pending(a.newest().and(b.newest()), a.name()));
    }
  }

  /** Takes the pending seconds whose rows are due at {@code nowNanos} (all of them if {@code all}). */
  synchronized Map<Integer, Pending> takeDue(long nowNanos, boolean all) {
    Map<Integer, Pending> out = new TreeMap<>();
    for (Iterator<Map.Entry<Integer, Pending>> i = pending.entrySet().iterator(); i.hasNext(); ) {
      var e = i.next();
      if (all || isDue(e.getKey(), nowNanos)) {
        out.put(e.getKey(), e.getValue());
        i.remove();
      }
    }
    return out;
  }

  /** Puts back seconds taken by {@link #takeDue} whose flush failed. */
  synchronized void putBack(Map<Integer, Pending> taken) {
    committed(Map.of(), taken, 0);
  }

  synchronized boolean hasPending() {
    return !pending.isEmpty();
  }
}
