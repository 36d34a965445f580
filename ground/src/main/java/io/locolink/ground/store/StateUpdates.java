package io.locolink.ground.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Keeps each locomotive's newest per-second row and newest live status, inside the batch's transaction. */
final class StateUpdates {

  /** In an upsert of {@code locomotive_latest}: the second offered is newer than the stored one. */
  private static final String NEWER = "locomotive_latest.time < excluded.time";

  private StateUpdates() {}

  /**
   * A locomotive's newest live second and the last arrival of a live frame sent now. The two may come
   * from different frames: a gateway whose clock stands still or stepped back sends frames no newer
   * than the stored ones, which still arrive; a frame the broker held for the station while it was
   * away is the newest second but was not sent now.
   *
   * @param timeMs the newest second's time as the locomotive stamped it, Unix milliseconds
   * @param receivedMs when the station received its last live frame that the broker did not hold for it,
   *     Unix milliseconds on the station's clock; null when every one was held
   */
  record Newest(long timeMs, Long receivedMs) {

    /** The later of each of the two times. */
    Newest and(Newest other) {
      Long received = receivedMs == null ? other.receivedMs
          : other.receivedMs == null ? receivedMs : Long.valueOf(Math.max(receivedMs, other.receivedMs));
      return new Newest(Math.max(timeMs, other.timeMs), received);
    }

    /** True when this is at least as late as {@code other} in both times. */
    boolean covers(Newest other) {
      return timeMs >= other.timeMs
          && (other.receivedMs == null || receivedMs != null && receivedMs >= other.receivedMs);
    }
  }

  /**
   * The newest second of each locomotive (id) among the live frames of {@code fresh}, and the last
   * arrival among those the broker did not hold for the station. Backlog frames (flagged historical)
   * are left out: they are the past, stored for the history, and neither show as the locomotive's
   * current values nor keep it from going stale. Held frames were live when sent: they show as the
   * current values if newest, but their arrival, in the burst after the station reconnected, keeps
   * no locomotive from going stale.
   */
  static Map<Integer, Newest> newest(List<Incoming> fresh, Map<String, Integer> idOf) {
    Map<Integer, Newest> newest = new TreeMap<>();
    for (Incoming m : fresh) {
      if (m.content() instanceof Incoming.Telemetry t && !m.historical()) {
        for (SecondRow r : t.seconds()) {
          newest.merge(idOf.get(m.locomotive()), new Newest(r.timeMs(), m.held() ? null : m.receivedMs()),
              Newest::and);
        }
      }
    }
    return newest;
  }

  /**
   * Upserts each locomotive's latest row: its values from the given second (id to time) unless the
   * table holds a newer one, and when its last live frame arrived unless none of them did (all held:
   * the stored time stays, null for a new row). The rows are in
   * {@code frame_second} (copied earlier in the transaction, or committed before): they are read
   * back from there by (locomotive, time), so only three arrays travel instead of one per column.
   */
  static void latest(Connection c, Map<Integer, Newest> newest) throws SQLException {
    if (newest.isEmpty()) {
      return;
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    Object[] times = new Object[newest.size()];
    Object[] received = new Object[newest.size()];
    int i = 0;
    for (Newest n : newest.values()) {
      min = Math.min(min, n.timeMs());
      max = Math.max(max, n.timeMs());
      times[i] = n.timeMs();
      received[i++] = n.receivedMs();
    }
    StringBuilder set = new StringBuilder();
    StringBuilder cols = new StringBuilder();
    for (SecondColumns.Column col : SecondColumns.ALL) {
      cols.append(cols.isEmpty() ? "" : ", ").append("f.").append(col.name());
      if (!col.name().equals("locomotive_id")) {
        set.append(set.isEmpty() ? "" : ", ").append(col.name()).append(" = CASE WHEN ").append(NEWER)
            .append(" THEN excluded.").append(col.name()).append(" ELSE locomotive_latest.").append(col.name())
            .append(" END");
      }
    }
    // DISTINCT ON: two stored frames of a locomotive may carry the same second; one row each.
    // The time range lets the executor skip the partitions the batch has no rows in.
    try (PreparedStatement s = c.prepareStatement("INSERT INTO locomotive_latest (" + SecondColumns.names()
        + ", received) SELECT DISTINCT ON (f.locomotive_id) " + cols
        + ", timestamptz 'epoch' + u.r * interval '1 millisecond' FROM unnest(?::int4[], ?::int8[], ?::int8[]) "
        + "AS u(l, t, r) JOIN frame_second f ON f.locomotive_id = u.l AND f.time = timestamptz 'epoch' + u.t "
        + "* interval '1 millisecond' WHERE f.time >= ? AND f.time <= ? ORDER BY f.locomotive_id "
        + "ON CONFLICT (locomotive_id) DO UPDATE SET " + set
        + ", received = COALESCE(excluded.received, locomotive_latest.received)")) {
      s.setArray(1, c.createArrayOf("int4", newest.keySet().toArray()));
      s.setArray(2, c.createArrayOf("int8", times));
      s.setArray(3, c.createArrayOf("int8", received));
      s.setTimestamp(4, new Timestamp(min));
      s.setTimestamp(5, new Timestamp(max));
      s.executeUpdate();
    }
  }

  /**
   * The live (not backlog) statuses of a batch that say something new, in arrival order: each one the
   * store did not hold, each one published since the station subscribed (not {@link Incoming#held()}),
   * and each held one with other bytes than the store holds under its key. A status carries no
   * sequence, so its key is its header's time: a gateway whose clock stands still stamps its statuses
   * and its last will alike, and the will is news though the store keeps one raw message for the key.
   * A broker's redelivery (held, same key, same bytes) is left out, so it changes nothing, even after a
   * newer status another instance of the station stored meanwhile.
   *
   * @param messages the batch, in arrival order
   * @param stored those of them the store did not hold, whose raw rows this batch inserted
   */
  static List<Incoming> newStatuses(Connection c, List<Incoming> messages, List<Incoming> stored,
      Map<String, Integer> idOf) throws SQLException {
    Set<Incoming> inserted = Collections.newSetFromMap(new IdentityHashMap<>());
    inserted.addAll(stored);
    Map<Incoming.Key, byte[]> before = new HashMap<>();
    List<Incoming> out = new ArrayList<>();
    for (Incoming m : messages) {
      if (!(m.content() instanceof StatusRow) || m.historical()) {
        continue;
      }
      if (m.held()) {
        byte[] previous = before.containsKey(m.key()) ? before.get(m.key())
            : inserted.contains(m) ? null : storedPayload(c, m, idOf.get(m.locomotive()));
        if (previous == null || !Arrays.equals(previous, m.payload())) {
          out.add(m);
        }
      } else {
        out.add(m);  // a broker redelivers only what it had sent on an earlier connection
      }
      before.put(m.key(), m.payload());
    }
    return out;
  }

  /** The bytes the store holds under {@code m}'s key; null if none. */
  private static byte[] storedPayload(Connection c, Incoming m, int locomotiveId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT payload FROM raw_message WHERE locomotive_id = ? "
        + "AND boot_id = ? AND stream = ? AND sequence = ? AND time = ?")) {
      s.setInt(1, locomotiveId);
      s.setLong(2, m.bootId());
      s.setShort(3, (short) m.stream().code());
      s.setLong(4, m.sequence());
      s.setTimestamp(5, new Timestamp(m.timeMs()));
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getBytes(1) : null;
      }
    }
  }

  /** Upserts each locomotive's status from the last of {@code statuses} of it ({@link #newStatuses}, in arrival order). */
  static void status(Connection c, List<Incoming> statuses, Map<String, Integer> idOf) throws SQLException {
    Map<Integer, Incoming> last = new TreeMap<>();
    for (Incoming m : statuses) {
      last.put(idOf.get(m.locomotive()), m);
    }
    if (last.isEmpty()) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement("INSERT INTO status_latest (locomotive_id, time, received, boot_id, "
        + "link, software_version, queue_depth, oldest_unsent_age_s, dropped_telemetry, dropped_other, uptime_s, "
        + "set_aside_messages, last_set_aside_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        + "ON CONFLICT (locomotive_id) DO UPDATE SET time = excluded.time, "
        + "received = excluded.received, boot_id = excluded.boot_id, link = excluded.link, "
        + "software_version = excluded.software_version, queue_depth = excluded.queue_depth, "
        + "oldest_unsent_age_s = excluded.oldest_unsent_age_s, dropped_telemetry = excluded.dropped_telemetry, "
        + "dropped_other = excluded.dropped_other, uptime_s = excluded.uptime_s, "
        + "set_aside_messages = excluded.set_aside_messages, "
        + "last_set_aside_reason = excluded.last_set_aside_reason")) {
      for (var e : last.entrySet()) {
        Incoming m = e.getValue();
        StatusRow r = (StatusRow) m.content();
        s.setInt(1, e.getKey());
        s.setTimestamp(2, new Timestamp(m.timeMs()));
        s.setTimestamp(3, new Timestamp(m.receivedMs()));
        s.setLong(4, m.bootId());
        s.setString(5, r.link());
        s.setString(6, r.softwareVersion());
        s.setLong(7, r.queueDepth());
        s.setLong(8, r.oldestUnsentAgeS());
        s.setLong(9, r.droppedTelemetry());
        s.setLong(10, r.droppedOther());
        s.setLong(11, r.uptimeS());
        s.setLong(12, r.setAsideMessages());
        s.setString(13, r.lastSetAsideReason());
        s.addBatch();
      }
      s.executeBatch();
    }
  }
}
