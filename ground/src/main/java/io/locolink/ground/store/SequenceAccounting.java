package io.locolink.ground.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Gap accounting per (locomotive, boot), inside the batch's transaction. A locomotive numbers all
 * its sequenced messages from one counter, and the store lets each number in once, so every new
 * number either extends the boot's range (opening a gap when it jumps) or fills one number of an
 * open gap; a gap whose numbers have all arrived is closed. The messages still missing are also
 * kept per locomotive and UTC day of opening ({@code gap_day}, for the fleet snapshot). Boot rows are
 * updated, and so locked, in key order by one statement that also returns their values from before,
 * then day rows in key order, so two stations (or writers) sharing the database serialise per boot
 * without deadlocking.
 */
final class SequenceAccounting {

  /** A (locomotive, boot) pair, ordered by locomotive id then boot id. */
  record BootKey(int locomotiveId, long bootId) implements Comparable<BootKey> {
    @Override
    public int compareTo(BootKey o) {
      int c = Integer.compare(locomotiveId, o.locomotiveId);
      return c != 0 ? c : Long.compare(bootId, o.bootId);
    }
  }

  private static final class Boot {
    long first;
    long last;
    long received;
    boolean exists;
  }

  private record NewGap(BootKey boot, long first, long last) {}

  /** A row of {@code gap_day}: UTC day (days since 1970-01-01), then locomotive id. */
  private record DayKey(long day, int locomotiveId) implements Comparable<DayKey> {
    @Override
    public int compareTo(DayKey o) {
      int c = Long.compare(day, o.day);
      return c != 0 ? c : Integer.compare(locomotiveId, o.locomotiveId);
    }
  }

  private static long utcDay(long epochMs) {
    return Math.floorDiv(epochMs, 86_400_000L);
  }

  private SequenceAccounting() {}

  /**
   * Accounts for the sequence numbers of new messages.
   *
   * @param sequences the new numbers of each boot, in any order, each at most once
   * @param knownBoots boots whose row is known to exist (boot rows are never deleted): their row is only
   *     updated, not inserted first; this call adds the boots it wrote
   * @return how many numbers filled a previously open gap
   */
  static long apply(Connection c, Map<BootKey, List<Long>> sequences, long nowMs, Set<BootKey> knownBoots)
      throws SQLException {
    if (sequences.isEmpty()) {
      return 0;
    }
    TreeMap<BootKey, List<Long>> sorted = new TreeMap<>(sequences);
    Map<BootKey, Boot> boots = update(c, sorted, knownBoots, nowMs);
    List<NewGap> newGaps = new ArrayList<>();
    Map<BootKey, List<Long>> fills = new TreeMap<>();
    for (var e : sorted.entrySet()) {
      Boot b = boots.get(e.getKey());
      List<Long> seqs = new ArrayList<>(e.getValue());
      seqs.sort(null);
      boolean newBoot = !b.exists;
      if (newBoot) {
        b.first = seqs.getFirst();
        b.last = b.first;
        b.exists = true;
      }
      // Numbers below the boot's range extend it downwards, from the highest: a batch of backlog
      // older than everything stored opens only the runs it does not itself fill.
      long first = b.first;
      for (long s : seqs.reversed()) {
        if (s < b.first) {
          if (s < b.first - 1) {
            newGaps.add(new NewGap(e.getKey(), s + 1, b.first - 1));
          }
          b.first = s;
          b.received++;
        }
      }
      for (long s : seqs) {
        if (s < first) {
          continue;  // counted above
        }
        if (newBoot && s == first) {
          b.received++;  // the new boot's lowest number: neither a gap nor a fill
          continue;
        }
        if (s > b.last) {
          if (s > b.last + 1) {
            newGaps.add(new NewGap(e.getKey(), b.last + 1, s - 1));
          }
          b.last = s;
        } else {
          fills.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(s);
        }
        b.received++;
      }
    }
    Map<DayKey, Long> missingByDay = new TreeMap<>();
    long filled = fill(c, fills, nowMs, missingByDay);
    insertGaps(c, newGaps, nowMs);
    for (NewGap g : newGaps) {
      missingByDay.merge(new DayKey(utcDay(nowMs), g.boot().locomotiveId()), g.last() - g.first() + 1, Long::sum);
    }
    addMissing(c, missingByDay);
    return filled;
  }

  /**
   * Updates the boots' rows (lowest and highest number, count, last seen) from their new numbers in one
   * statement, which locks them in key order, and returns each row as it was before: its numbers and
   * count from before the update, which the row keeps in its {@code prev_*} columns for this.
   */
  private static Map<BootKey, Boot> update(Connection c, TreeMap<BootKey, List<Long>> sorted,
      Set<BootKey> knownBoots, long nowMs) throws SQLException {
    List<BootKey> unknown = new ArrayList<>();
    for (BootKey k : sorted.keySet()) {
      if (!knownBoots.contains(k)) {
        unknown.add(k);
      }
    }
    // A row for every boot first (a new one holds no numbers yet), so the update below always finds one.
    insertBoots(c, unknown);
    Map<BootKey, Boot> boots = updateReturningPrevious(c, sorted, sorted.keySet(), nowMs);
    if (boots.size() < sorted.size()) {  // a boot thought known is not there: insert it and update it
      List<BootKey> missing = new ArrayList<>();
      for (BootKey k : sorted.keySet()) {
        if (!boots.containsKey(k)) {
          missing.add(k);
        }
      }
      insertBoots(c, missing);
      boots.putAll(updateReturningPrevious(c, sorted, missing, nowMs));
    }
    knownBoots.addAll(sorted.keySet());
    return boots;
  }

  /**
   * The update itself. It takes the rows in the order of {@code keys} (key order): the unnested keys
   * drive a nested loop over the primary key, and hash and merge joins, which would take them in
   * another order, are off for it, so instances sharing the database never wait for each other in a
   * cycle. A new boot's row (count 0) takes the new numbers' range.
   */
  private static Map<BootKey, Boot> updateReturningPrevious(Connection c, TreeMap<BootKey, List<Long>> sorted,
      Collection<BootKey> keys, long nowMs) throws SQLException {
    int n = keys.size();
    Object[] locos = new Object[n];
    Object[] bootIds = new Object[n];
    Object[] lows = new Object[n];
    Object[] highs = new Object[n];
    Object[] counts = new Object[n];
    int i = 0;
    for (BootKey k : keys) {
      List<Long> seqs = sorted.get(k);
      long lo = Long.MAX_VALUE;
      long hi = Long.MIN_VALUE;
      for (long q : seqs) {
        lo = Math.min(lo, q);
        hi = Math.max(hi, q);
      }
      locos[i] = k.locomotiveId();
      bootIds[i] = k.bootId();
      lows[i] = lo;
      highs[i] = hi;
      counts[i++] = (long) seqs.size();
    }
    Map<BootKey, Boot> boots = new TreeMap<>();
    try (java.sql.Statement plan = c.createStatement()) {
      plan.execute("SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off");
      try (PreparedStatement s = c.prepareStatement("UPDATE boot SET prev_first = first_seq, prev_last = last_seq, "
          + "prev_received = received, first_seq = CASE WHEN received = 0 THEN u.lo ELSE least(first_seq, u.lo) END, "
          + "last_seq = CASE WHEN received = 0 THEN u.hi ELSE greatest(last_seq, u.hi) END, "
          + "received = received + u.n, last_seen = ? "
          + "FROM unnest(?::int4[], ?::int8[], ?::int8[], ?::int8[], ?::int8[]) AS u(l, b, lo, hi, n) "
          + "WHERE boot.locomotive_id = u.l AND boot.boot_id = u.b "
          + "RETURNING boot.locomotive_id, boot.boot_id, boot.prev_first, boot.prev_last, boot.prev_received")) {
        s.setTimestamp(1, new Timestamp(nowMs));
        s.setArray(2, c.createArrayOf("int4", locos));
        s.setArray(3, c.createArrayOf("int8", bootIds));
        s.setArray(4, c.createArrayOf("int8", lows));
        s.setArray(5, c.createArrayOf("int8", highs));
        s.setArray(6, c.createArrayOf("int8", counts));
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            Boot b = new Boot();
            b.first = rs.getLong(3);
            b.last = rs.getLong(4);
            b.received = rs.getLong(5);
            b.exists = b.received > 0;
            boots.put(new BootKey(rs.getInt(1), rs.getLong(2)), b);
          }
        }
      }
      plan.execute("SET LOCAL enable_hashjoin TO DEFAULT; SET LOCAL enable_mergejoin TO DEFAULT");
    }
    return boots;
  }

  private static void insertBoots(Connection c, Collection<BootKey> keys) throws SQLException {
    if (keys.isEmpty()) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement("INSERT INTO boot (locomotive_id, boot_id, first_seq, last_seq, "
        + "received, first_seen, last_seen) SELECT l, b, 0, 0, 0, now(), now() FROM unnest(?::int4[], ?::int8[]) "
        + "AS u(l, b) ORDER BY l, b ON CONFLICT (locomotive_id, boot_id) DO NOTHING")) {
      bindKeys(c, s, keys);
      s.executeUpdate();
    }
  }

  private static void bindKeys(Connection c, PreparedStatement s, Collection<BootKey> keys) throws SQLException {
    Object[] locos = new Object[keys.size()];
    Object[] bootIds = new Object[keys.size()];
    int i = 0;
    for (BootKey k : keys) {
      locos[i] = k.locomotiveId();
      bootIds[i++] = k.bootId();
    }
    s.setArray(1, c.createArrayOf("int4", locos));
    s.setArray(2, c.createArrayOf("int8", bootIds));
  }

  /**
   * Counts each filled number down from the open gap that holds it; closes emptied gaps. Takes the
   * filled numbers off {@code missingByDay}, under the day each gap was opened.
   */
  private static long fill(Connection c, Map<BootKey, List<Long>> fills, long nowMs, Map<DayKey, Long> missingByDay)
      throws SQLException {
    long filled = 0;
    if (fills.isEmpty()) {
      return 0;
    }
    try (PreparedStatement q = c.prepareStatement("SELECT id, first_seq, last_seq, (extract(epoch FROM opened) * 1000)"
        + "::int8 FROM gap WHERE locomotive_id = ? AND boot_id = ? AND closed IS NULL ORDER BY first_seq FOR UPDATE");
        PreparedStatement u = c.prepareStatement("UPDATE gap SET missing = missing - ?, "
            + "closed = CASE WHEN missing - ? <= 0 THEN ?::timestamptz ELSE NULL END WHERE id = ?")) {
      for (var e : fills.entrySet()) {
        q.setInt(1, e.getKey().locomotiveId());
        q.setLong(2, e.getKey().bootId());
        Map<Long, long[]> gaps = new TreeMap<>();
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            gaps.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3), 0, utcDay(rs.getLong(4))});
          }
        }
        for (long s : e.getValue()) {
          for (long[] g : gaps.values()) {
            if (s >= g[0] && s <= g[1]) {
              g[2]++;
              filled++;
              break;
            }
          }
        }
        for (var g : gaps.entrySet()) {
          if (g.getValue()[2] > 0) {
            u.setLong(1, g.getValue()[2]);
            u.setLong(2, g.getValue()[2]);
            u.setTimestamp(3, new Timestamp(nowMs));
            u.setLong(4, g.getKey());
            u.addBatch();
            missingByDay.merge(new DayKey(g.getValue()[3], e.getKey().locomotiveId()), -g.getValue()[2], Long::sum);
          }
        }
      }
      u.executeBatch();
    }
    return filled;
  }

  /** Adds each (day, locomotive)'s change of missing messages to {@code gap_day}, in key order. */
  private static void addMissing(Connection c, Map<DayKey, Long> missingByDay) throws SQLException {
    missingByDay.values().removeIf(v -> v == 0);
    if (missingByDay.isEmpty()) {
      return;
    }
    int n = missingByDay.size();
    Object[] days = new Object[n];
    Object[] locos = new Object[n];
    Object[] deltas = new Object[n];
    int i = 0;
    for (var e : missingByDay.entrySet()) {
      days[i] = e.getKey().day();
      locos[i] = e.getKey().locomotiveId();
      deltas[i++] = e.getValue();
    }
    try (PreparedStatement s = c.prepareStatement("INSERT INTO gap_day (day, locomotive_id, missing) "
        + "SELECT date '1970-01-01' + d::int4, l, m FROM unnest(?::int8[], ?::int4[], ?::int8[]) AS u(d, l, m) "
        + "ORDER BY d, l ON CONFLICT (day, locomotive_id) DO UPDATE SET missing = gap_day.missing + excluded.missing")) {
      s.setArray(1, c.createArrayOf("int8", days));
      s.setArray(2, c.createArrayOf("int4", locos));
      s.setArray(3, c.createArrayOf("int8", deltas));
      s.executeUpdate();
    }
  }

  private static void insertGaps(Connection c, List<NewGap> gaps, long nowMs) throws SQLException {
    if (gaps.isEmpty()) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement("INSERT INTO gap (locomotive_id, boot_id, first_seq, last_seq, "
        + "missing, opened) VALUES (?, ?, ?, ?, ?, ?)")) {
      for (NewGap g : gaps) {
        s.setInt(1, g.boot().locomotiveId());
        s.setLong(2, g.boot().bootId());
        s.setLong(3, g.first());
        s.setLong(4, g.last());
        s.setLong(5, g.last() - g.first() + 1);
        s.setTimestamp(6, new Timestamp(nowMs));
        s.addBatch();
      }
      s.executeBatch();
    }
  }
}
