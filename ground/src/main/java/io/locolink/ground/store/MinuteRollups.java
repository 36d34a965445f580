package io.locolink.ground.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * The per-minute rollups of {@code frame_minute}: per (locomotive, minute) and channel the minimum,
 * maximum, sum and count of its per-second values. A batch only logs the minutes its new rows fall
 * in ({@code minute_log}: one row per minute of the batch, with the locomotives that have seconds in
 * it), inside its transaction; {@link #rollUp} later computes each logged (locomotive, minute) that
 * is ready from all its per-second rows, replaces its rollup row and deletes the log rows it read, in
 * one transaction. A rollup is therefore always a function of the stored seconds, whatever the order
 * or the number of times they arrived. The log is only ever inserted into by the ingest, so a batch
 * takes no lock for it and waits for nobody: a second committed after a rollup's snapshot comes with a
 * log row that rollup did not read and does not delete, so a later rollup takes it. Several stations
 * may share the database: their rollups take turns (a transaction-scoped advisory lock), so each
 * starts from the previous one's result.
 */
public final class MinuteRollups {

  /** How long after a minute's end (or its latest frame's arrival) it is rolled up. */
  static final long SETTLE_MS = 5_000;

  private static final long MINUTE_MS = 60_000L;

  /** The advisory lock the rollups take turns on ("LLMINUTE" as a number). */
  private static final long ROLLUP_LOCK = 0x4c4c4d494e555445L;

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
   * Logs the minutes of {@code rows} for a rollup, inside the batch's transaction; {@code locos}
   * holds the locomotive id of each row. One row per minute, whatever the number of locomotives.
   */
  static void mark(Connection c, List<SecondRow> rows, List<Integer> locos, long nowMs) throws SQLException {
    Map<Long, Set<Integer>> minutes = new TreeMap<>();
    for (int i = 0; i < rows.size(); i++) {
      minutes.computeIfAbsent(Math.floorDiv(rows.get(i).timeMs(), MINUTE_MS) * MINUTE_MS, k -> new TreeSet<>())
          .add(locos.get(i));
    }
    if (minutes.isEmpty()) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement("INSERT INTO minute_log (minute, ready_at, locomotives) "
        + "VALUES (?, ?, ?)")) {
      for (var e : minutes.entrySet()) {
        s.setTimestamp(1, new Timestamp(e.getKey()));
        s.setTimestamp(2, new Timestamp(Math.max(e.getKey() + MINUTE_MS, nowMs) + SETTLE_MS));
        s.setArray(3, c.createArrayOf("int4", e.getValue().toArray()));
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /**
   * Rolls up the logged minutes ready at {@code nowMs} (the oldest log rows first, until at least
   * {@code limit} (locomotive, minute) pairs or all are taken) and commits. Blocks while another
   * rollup on the same database runs.
   *
   * @return how many (locomotive, minute) pairs were rolled up; {@code limit} or more when more may be ready
   */
  public static int rollUp(DataSource ds, Partitions partitions, long nowMs, int limit) throws SQLException {
    try (Connection c = ds.getConnection()) {
      List<Long> starts = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT (extract(epoch FROM minute) * 1000)::int8 "
          + "FROM minute_log WHERE ready_at <= ?")) {
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
    try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
      s.setLong(1, ROLLUP_LOCK);
      s.execute();
    }
    // Statements after the lock see what the rollup before this one committed. A (locomotive, minute)
    // that a row not ready yet also holds waits for that row (its latest seconds arrived less than the
    // settling time ago); deleting the ready rows that hold it loses nothing, as that row stays.
    Set<Key> keys = new TreeSet<>();
    Set<Key> waiting = new HashSet<>();
    List<Object> logIds = new ArrayList<>();
    Map<Long, Key[]> ready = new LinkedHashMap<>();
    try (PreparedStatement s = c.prepareStatement("SELECT id, (extract(epoch FROM minute) * 1000)::int8, locomotives, "
        + "ready_at <= ? FROM minute_log ORDER BY id")) {
      s.setTimestamp(1, new Timestamp(nowMs));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          long minute = rs.getLong(2);
          Integer[] locos = (Integer[]) rs.getArray(3).getArray();
          Key[] rowKeys = new Key[locos.length];
          for (int i = 0; i < locos.length; i++) {
            rowKeys[i] = new Key(locos[i], minute);
          }
          if (rs.getBoolean(4)) {
            ready.put(rs.getLong(1), rowKeys);
          } else {
            waiting.addAll(Arrays.asList(rowKeys));
          }
        }
      }
    }
    for (var e : ready.entrySet()) {
      if (keys.size() >= limit) {
        break;
      }
      logIds.add(e.getKey());
      for (Key k : e.getValue()) {
        if (!waiting.contains(k)) {
          keys.add(k);
        }
      }
    }
    if (logIds.isEmpty()) {
      return 0;
    }
    if (keys.isEmpty()) {
      deleteLogRows(c, logIds);
      return 0;
    }
    Object[] ids = new Object[keys.size()];
    Object[] starts = new Object[keys.size()];
    int i = 0;
    for (Key k : keys) {
      ids[i] = k.locomotiveId();
      starts[i++] = k.minuteMs();
    }
    // A new statement, so a new snapshot: it sees every second committed before the log rows were read.
    try (PreparedStatement s = c.prepareStatement(upsertSql())) {
      s.setArray(1, c.createArrayOf("int4", ids));
      s.setArray(2, c.createArrayOf("int8", starts));
      s.executeUpdate();
    }
    deleteLogRows(c, logIds);
    return keys.size();
  }

  private static void deleteLogRows(Connection c, List<Object> logIds) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM minute_log WHERE id = ANY(?)")) {
      s.setArray(1, c.createArrayOf("int8", logIds.toArray()));
      s.executeUpdate();
    }
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
