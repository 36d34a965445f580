package io.locolink.ground.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * The per-minute rollups of {@code frame_minute}: per (locomotive, minute) and channel the minimum,
 * maximum, sum and count of its per-second values. A batch only marks the minutes its new rows fall
 * in ({@code minute_pending}); {@link #rollUp} later computes each marked minute that is ready from
 * all its per-second rows, replaces its rollup row and removes the mark, in one transaction. A
 * rollup is therefore always a function of the stored seconds, whatever the order or the number of
 * times they arrived. Several stations may share the database: a mark is locked while it is rolled
 * up and a batch marking it again waits for that, so a second committed meanwhile is never left out.
 */
public final class MinuteRollups {

  /** How long after a minute's end (or its latest frame's arrival) it is rolled up. */
  static final long SETTLE_MS = 5_000;

  private static final long MINUTE_MS = 60_000L;

  /** The key of a minute row: locomotive id, then minute start. */
  private record Key(int locomotiveId, long minuteMs) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = Integer.compare(locomotiveId, o.locomotiveId);
      return c != 0 ? c : Long.compare(minuteMs, o.minuteMs);
    }
  }

  private MinuteRollups() {}

  /**
   * Marks the minutes of {@code rows} for a rollup, inside the batch's transaction; {@code locos}
   * holds the locomotive id of each row.
   */
  static void mark(Connection c, List<SecondRow> rows, List<Integer> locos, long nowMs) throws SQLException {
    Set<Key> minutes = new TreeSet<>();
    for (int i = 0; i < rows.size(); i++) {
      minutes.add(new Key(locos.get(i), Math.floorDiv(rows.get(i).timeMs(), MINUTE_MS) * MINUTE_MS));
    }
    if (minutes.isEmpty()) {
      return;
    }
    Object[] ids = new Object[minutes.size()];
    Object[] starts = new Object[minutes.size()];
    Object[] ready = new Object[minutes.size()];
    int i = 0;
    for (Key k : minutes) {
      ids[i] = k.locomotiveId();
      starts[i] = k.minuteMs();
      ready[i++] = Math.max(k.minuteMs() + MINUTE_MS, nowMs) + SETTLE_MS;
    }
    // DO UPDATE (not DO NOTHING) locks a mark that exists, so a rollup holding it finishes first.
    try (PreparedStatement s = c.prepareStatement("INSERT INTO minute_pending (locomotive_id, minute, ready_at) "
        + "SELECT l, timestamptz 'epoch' + m * interval '1 millisecond', timestamptz 'epoch' + r * interval "
        + "'1 millisecond' FROM unnest(?::int4[], ?::int8[], ?::int8[]) AS u(l, m, r) ORDER BY l, m "
        + "ON CONFLICT (locomotive_id, minute) DO UPDATE SET ready_at = excluded.ready_at "
        + "WHERE minute_pending.ready_at < excluded.ready_at")) {
      s.setArray(1, c.createArrayOf("int4", ids));
      s.setArray(2, c.createArrayOf("int8", starts));
      s.setArray(3, c.createArrayOf("int8", ready));
      s.executeUpdate();
    }
  }

  /**
   * Rolls up the marked minutes ready at {@code nowMs} (at most {@code limit} of them, oldest
   * marks of the lowest locomotive ids first) and commits.
   *
   * @return how many minutes were rolled up
   */
  public static int rollUp(DataSource ds, Partitions partitions, long nowMs, int limit) throws SQLException {
    try (Connection c = ds.getConnection()) {
      List<Long> starts = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT (extract(epoch FROM minute) * 1000)::int8 "
          + "FROM minute_pending WHERE ready_at <= ?")) {
        s.setTimestamp(1, new Timestamp(nowMs));
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            starts.add(rs.getLong(1));
          }
        }
      }
      if (starts.isEmpty()) {
        return 0;
      }
      partitions.ensure(c, PartitionedTable.FRAME_MINUTE, starts);
      c.setAutoCommit(false);
      try {
        int n = rollUpLocked(c, nowMs, limit);
        c.commit();
        return n;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  private static int rollUpLocked(Connection c, long nowMs, int limit) throws SQLException {
    List<Object> ids = new ArrayList<>();
    List<Object> starts = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT locomotive_id, (extract(epoch FROM minute) * 1000)::int8 "
        + "FROM minute_pending WHERE ready_at <= ? ORDER BY locomotive_id, minute LIMIT ? FOR UPDATE SKIP LOCKED")) {
      s.setTimestamp(1, new Timestamp(nowMs));
      s.setInt(2, limit);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getInt(1));
          starts.add(rs.getLong(2));
        }
      }
    }
    if (ids.isEmpty()) {
      return 0;
    }
    // A new statement, so a new snapshot: it sees every second committed before the marks were locked.
    try (PreparedStatement s = c.prepareStatement(upsertSql())) {
      s.setArray(1, c.createArrayOf("int4", ids.toArray()));
      s.setArray(2, c.createArrayOf("int8", starts.toArray()));
      s.executeUpdate();
    }
    try (PreparedStatement s = c.prepareStatement("DELETE FROM minute_pending p USING unnest(?::int4[], ?::int8[]) "
        + "AS u(l, m) WHERE p.locomotive_id = u.l AND p.minute = timestamptz 'epoch' + u.m * interval "
        + "'1 millisecond'")) {
      s.setArray(1, c.createArrayOf("int4", ids.toArray()));
      s.setArray(2, c.createArrayOf("int8", starts.toArray()));
      s.executeUpdate();
    }
    return ids.size();
  }

  /** The rollup of the minutes given as two arrays (locomotive ids, minute starts in Unix ms), replacing what is there. */
  private static String upsertSql() {
    List<String> cols = new ArrayList<>(List.of("time", "locomotive_id", "seconds"));
    List<String> select = new ArrayList<>(List.of("p.m", "p.l", "count(*)"));
    List<String> set = new ArrayList<>(List.of("seconds = excluded.seconds"));
    for (Channel ch : Channel.values()) {
      String p = ch.minuteColumn();
      String e = "(" + ch.sql() + ")";
      cols.addAll(List.of(p + "_sum", p + "_min", p + "_max", p + "_n"));
      select.addAll(List.of("sum" + e, "min" + e, "max" + e, "count" + e + "::int2"));
      for (String suffix : List.of("_sum", "_min", "_max", "_n")) {
        set.add(p + suffix + " = excluded." + p + suffix);
      }
    }
    return "INSERT INTO frame_minute (" + String.join(", ", cols) + ") SELECT " + String.join(", ", select)
        + " FROM (SELECT l, timestamptz 'epoch' + m * interval '1 millisecond' AS m FROM unnest(?::int4[], ?::int8[]) "
        + "AS u(l, m)) p JOIN frame_second f ON f.locomotive_id = p.l AND f.time >= p.m "
        + "AND f.time < p.m + interval '1 minute' GROUP BY p.l, p.m ORDER BY p.l, p.m "
        + "ON CONFLICT (locomotive_id, time) DO UPDATE SET " + String.join(", ", set);
  }
}
