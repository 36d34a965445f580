package io.locolink.ground.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folds new per-second rows into {@code frame_minute} inside the batch's transaction: per
 * (locomotive, minute) and channel the minimum, maximum, sum and count, merged with what the row
 * already holds (rows are upserted in key order, so two stations never deadlock on them).
 */
final class MinuteRollups {

  private static final int CHANNELS = Channel.values().length;

  /** The key of a minute row: locomotive id, then minute start. */
  private record Key(int locomotiveId, long minuteMs) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = Integer.compare(locomotiveId, o.locomotiveId);
      return c != 0 ? c : Long.compare(minuteMs, o.minuteMs);
    }
  }

  private static final class Acc {
    int seconds;
    final long[] sum = new long[CHANNELS];
    final Integer[] min = new Integer[CHANNELS];
    final Integer[] max = new Integer[CHANNELS];
    final int[] n = new int[CHANNELS];
  }

  private MinuteRollups() {}

  /** Upserts the minute rows of {@code rows}; {@code locos} holds the locomotive id of each row. */
  static void upsert(Connection c, List<SecondRow> rows, List<Integer> locos) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    Map<Key, Acc> minutes = new TreeMap<>();
    Channel[] channels = Channel.values();
    for (int i = 0; i < rows.size(); i++) {
      SecondRow r = rows.get(i);
      Acc a = minutes.computeIfAbsent(new Key(locos.get(i), Math.floorDiv(r.timeMs(), 60_000L) * 60_000L),
          k -> new Acc());
      a.seconds++;
      for (int k = 0; k < CHANNELS; k++) {
        Integer v = channels[k].of(r);
        if (v != null) {
          a.sum[k] += v;
          a.min[k] = a.min[k] == null ? v : Math.min(a.min[k], v);
          a.max[k] = a.max[k] == null ? v : Math.max(a.max[k], v);
          a.n[k]++;
        }
      }
    }
    List<String> cols = new ArrayList<>(List.of("time", "locomotive_id", "seconds"));
    List<String> types = new ArrayList<>(List.of("int8", "int4", "int4"));
    StringBuilder set = new StringBuilder("seconds = frame_minute.seconds + excluded.seconds");
    for (Channel ch : channels) {
      String p = ch.minuteColumn();
      cols.addAll(List.of(p + "_sum", p + "_min", p + "_max", p + "_n"));
      types.addAll(List.of("int8", "int4", "int4", "int2"));
      set.append(", ").append(p).append("_sum = CASE WHEN excluded.").append(p).append("_n = 0 THEN frame_minute.")
          .append(p).append("_sum ELSE coalesce(frame_minute.").append(p).append("_sum, 0) + excluded.").append(p)
          .append("_sum END");
      set.append(", ").append(p).append("_min = least(frame_minute.").append(p).append("_min, excluded.").append(p)
          .append("_min)");
      set.append(", ").append(p).append("_max = greatest(frame_minute.").append(p).append("_max, excluded.")
          .append(p).append("_max)");
      set.append(", ").append(p).append("_n = frame_minute.").append(p).append("_n + excluded.").append(p).append("_n");
    }
    StringBuilder params = new StringBuilder();
    StringBuilder select = new StringBuilder();
    for (int i = 0; i < cols.size(); i++) {
      params.append(i == 0 ? "" : ", ").append("?::").append(types.get(i)).append("[]");
      select.append(i == 0 ? "" : ", ").append(i == 0 ? "timestamptz 'epoch' + u.time * interval '1 millisecond'"
          : "u." + cols.get(i));
    }
    String names = String.join(", ", cols);
    String sql = "INSERT INTO frame_minute (" + names + ") SELECT " + select + " FROM unnest(" + params + ") AS u("
        + names + ") ORDER BY u.locomotive_id, u.time ON CONFLICT (locomotive_id, time) DO UPDATE SET " + set;
    int n = minutes.size();
    Object[][] arrays = new Object[cols.size()][n];
    int row = 0;
    for (var e : minutes.entrySet()) {
      Acc a = e.getValue();
      arrays[0][row] = e.getKey().minuteMs();
      arrays[1][row] = e.getKey().locomotiveId();
      arrays[2][row] = a.seconds;
      for (int k = 0; k < CHANNELS; k++) {
        arrays[3 + 4 * k][row] = a.n[k] == 0 ? null : a.sum[k];
        arrays[4 + 4 * k][row] = a.min[k];
        arrays[5 + 4 * k][row] = a.max[k];
        arrays[6 + 4 * k][row] = a.n[k];
      }
      row++;
    }
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < cols.size(); i++) {
        s.setArray(i + 1, c.createArrayOf(types.get(i), arrays[i]));
      }
      s.executeUpdate();
    }
  }
}
