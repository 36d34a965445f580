package io.locolink.ground.store;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * History of one locomotive, downsampled on the server to at most N buckets per channel with each
 * bucket's true minimum and maximum (so spikes survive) and its mean. Buckets narrower than a
 * minute are computed from the per-second rows; wider ones are whole minutes, from the per-minute
 * rollups, whose min, max, sum and count give the same figures exactly (a minute not rolled up yet
 * comes from its per-second rows). Thread-safe.
 */
public final class HistoryQueries {

  private final DataSource dataSource;

  public HistoryQueries(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The bucket width for a range and a point budget: seconds, or whole minutes once a minute or more. */
  static long bucketSeconds(long fromS, long toS, int maxPoints) {
    long range = Math.max(1, toS - fromS);
    long w = Math.max(1, (range + maxPoints - 1) / maxPoints);
    if (w >= 60) {
      w = (w + 59) / 60 * 60;
    }
    while (Math.floorDiv(toS - 1, w) - Math.floorDiv(fromS, w) + 1 > maxPoints) {
      w += w >= 60 ? 60 : 1;
    }
    return w;
  }

  /**
   * The history of {@code locomotive} over {@code [from, to)}.
   *
   * @param maxPoints at most this many buckets (1 or more)
   * @return empty if the store does not know the locomotive
   * @throws IllegalArgumentException if {@code to} is not after {@code from} or no channel is given
   */
  public Optional<History> history(String locomotive, Instant from, Instant to, List<Channel> channels,
      int maxPoints) throws SQLException {
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("to must be after from");
    }
    if (channels.isEmpty() || maxPoints < 1) {
      throw new IllegalArgumentException("at least one channel and one point");
    }
    long fromS = Math.floorDiv(from.toEpochMilli(), 1000L);
    long toS = Math.floorDiv(to.toEpochMilli() + 999, 1000L);
    long w = bucketSeconds(fromS, toS, maxPoints);
    boolean minutes = w >= 60;
    long firstBucket = Math.floorDiv(fromS, w);
    int buckets = (int) (Math.floorDiv(toS - 1, w) - firstBucket + 1);
    String sql = minutes ? minuteSql(channels) : secondSql(channels);
    Map<Channel, List<BigDecimal>[]> data = new LinkedHashMap<>();
    Map<Channel, List<Long>> counts = new LinkedHashMap<>();
    for (Channel ch : channels) {
      @SuppressWarnings("unchecked")
      List<BigDecimal>[] lists = new List[] {nulls(buckets), nulls(buckets), nulls(buckets)};
      data.put(ch, lists);
      counts.put(ch, new ArrayList<>(Collections.nCopies(buckets, 0L)));
    }
    try (Connection c = dataSource.getConnection()) {
      Integer id = id(c, locomotive);
      if (id == null) {
        return Optional.empty();
      }
      try (PreparedStatement s = c.prepareStatement(sql)) {
        Timestamp start = new Timestamp(firstBucket * w * 1000);
        Timestamp end = new Timestamp((firstBucket + buckets) * w * 1000);
        s.setLong(1, w);
        s.setInt(2, id);
        s.setTimestamp(3, start);
        s.setTimestamp(4, end);
        if (minutes) {
          s.setInt(5, id);
          s.setTimestamp(6, start);
          s.setTimestamp(7, end);
        }
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            int i = (int) (rs.getLong(1) - firstBucket);
            int col = 2;
            for (Channel ch : channels) {
              long min = rs.getLong(col);
              boolean empty = rs.wasNull();
              long max = rs.getLong(col + 1);
              long sum = rs.getLong(col + 2);
              long n = rs.getLong(col + 3);
              col += 4;
              if (empty || n == 0 || i < 0 || i >= buckets) {
                continue;
              }
              List<BigDecimal>[] lists = data.get(ch);
              lists[0].set(i, ch.value(min));
              lists[1].set(i, ch.value(max));
              lists[2].set(i, BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(n), 1, RoundingMode.HALF_EVEN)
                  .movePointLeft(ch.scale()));
              counts.get(ch).set(i, n);
            }
          }
        }
      }
    }
    long[] starts = new long[buckets];
    for (int i = 0; i < buckets; i++) {
      starts[i] = (firstBucket + i) * w;
    }
    Map<Channel, History.Series> series = new LinkedHashMap<>();
    for (Channel ch : channels) {
      List<BigDecimal>[] l = data.get(ch);
      series.put(ch, new History.Series(l[0], l[1], l[2], counts.get(ch)));
    }
    return Optional.of(new History(locomotive, w, minutes ? "minute" : "second", starts, series));
  }

  /** Buckets of per-second rows: parameters bucket width (s), locomotive id, from, to. */
  private static String secondSql(List<Channel> channels) {
    StringBuilder sql = new StringBuilder("SELECT floor(extract(epoch FROM t.time) / ?)::int8 AS b");
    for (Channel ch : channels) {
      String e = "(" + ch.sql() + ")";
      sql.append(", min").append(e).append("::int8, max").append(e).append("::int8, sum").append(e)
          .append("::int8, count").append(e).append("::int8");
    }
    return sql.append(" FROM frame_second t WHERE t.locomotive_id = ? AND t.time >= ? AND t.time < ? GROUP BY b "
        + "ORDER BY b").toString();
  }

  /**
   * Buckets of whole minutes: the rolled-up minutes from {@code frame_minute}, and the minutes
   * still logged for a rollup (see {@link MinuteRollups}) from their per-second rows, in one
   * statement and so one snapshot. Parameters: bucket width (s), then locomotive id, from, to twice.
   */
  private static String minuteSql(List<Channel> channels) {
    StringBuilder outer = new StringBuilder("SELECT floor(extract(epoch FROM t.time) / ?)::int8 AS b");
    StringBuilder rolled = new StringBuilder("SELECT m.time");
    StringBuilder pending = new StringBuilder("SELECT f.time");
    int k = 0;
    for (Channel ch : channels) {
      String p = ch.minuteColumn();
      String e = "(" + ch.sql() + ")";  // frame_second's column names, which frame_minute does not share
      String c = "c" + k++;
      outer.append(", min(t.").append(c).append("_min), max(t.").append(c).append("_max), sum(t.").append(c)
          .append("_sum)::int8, sum(t.").append(c).append("_n)::int8");
      rolled.append(", m.").append(p).append("_min::int8 AS ").append(c).append("_min, m.").append(p)
          .append("_max::int8 AS ").append(c).append("_max, m.").append(p).append("_sum::int8 AS ").append(c)
          .append("_sum, m.").append(p).append("_n::int8 AS ").append(c).append("_n");
      pending.append(", ").append(e).append("::int8, ").append(e).append("::int8, ").append(e).append("::int8, (")
          .append(e).append(" IS NOT NULL)::int::int8");
    }
    return outer + " FROM (" + rolled + " FROM frame_minute m WHERE m.locomotive_id = ? AND m.time >= ? "
        + "AND m.time < ? AND NOT EXISTS (SELECT 1 FROM minute_log p WHERE p.minute = m.time "
        + "AND m.locomotive_id = ANY(p.locomotives)) UNION ALL " + pending + " FROM (SELECT DISTINCT u.l, p.minute "
        + "FROM (SELECT ?::int4 AS l) u JOIN minute_log p ON u.l = ANY(p.locomotives) WHERE p.minute >= ? "
        + "AND p.minute < ?) p JOIN frame_second f ON f.locomotive_id = p.l AND f.time >= p.minute "
        + "AND f.time < p.minute + interval '1 minute') t GROUP BY b ORDER BY b";
  }

  /** The id of a locomotive the store knows; null if it does not. */
  private static Integer id(Connection c, String locomotive) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT id FROM locomotive WHERE name = ?")) {
      s.setString(1, locomotive);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getInt(1) : null;
      }
    }
  }

  private static List<BigDecimal> nulls(int n) {
    return new ArrayList<>(Collections.nCopies(n, null));
  }
}
