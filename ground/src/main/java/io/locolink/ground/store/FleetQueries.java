package io.locolink.ground.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The fleet snapshot: each locomotive's newest state, link, staleness and open gaps of the day, in one
 * statement over small per-locomotive tables ({@code locomotive_latest}, {@code status_latest},
 * {@code gap_day}, {@code alarm_active}): its cost grows with the fleet, not with the stored history
 * or the number of gaps. Thread-safe.
 */
public final class FleetQueries {

  /** A locomotive whose frames stopped this long ago is stale. */
  public static final Duration STALE_AFTER = Duration.ofSeconds(10);

  private static final Channel[] CHANNELS = Channel.values();

  private final DataSource dataSource;

  public FleetQueries(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Every locomotive the store knows, sorted by id, as of {@code now}. */
  public List<FleetEntry> snapshot(Instant now) throws SQLException {
    StringBuilder cols = new StringBuilder();
    for (Channel ch : Channel.values()) {
      cols.append(", (").append(ch.sql()).append(")::int8");  // channel columns are frame_second's only
    }
    String sql = "SELECT l.name, s.link, s.queue_depth, (extract(epoch FROM f.time) * 1000)::int8" + cols
        + ", COALESCE(g.missing, 0), "        + "COALESCE(a.active, 0), a.tier, s.set_aside_messages "
        + "FROM locomotive l LEFT JOIN locomotive_latest f ON f.locomotive_id = l.id "
        + "LEFT JOIN status_latest s ON s.locomotive_id = l.id "
        + "LEFT JOIN gap_day g ON g.day = ? AND g.locomotive_id = l.id "
        + "LEFT JOIN (SELECT locomotive_id, count(*) AS active, max(tier) AS tier FROM alarm_active "
        + "GROUP BY locomotive_id) a ON a.locomotive_id = l.id ORDER BY l.name";
    List<FleetEntry> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, LocalDate.ofInstant(now, ZoneOffset.UTC));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          long timeMs = rs.getLong(4);
          Instant lastSeen = rs.wasNull() ? null : Instant.ofEpochMilli(timeMs);
          Map<String, java.math.BigDecimal> values = LinkedHashMap.newLinkedHashMap(CHANNELS.length);
          int i = 5;
          for (Channel ch : CHANNELS) {
            long v = rs.getLong(i);
            if (!rs.wasNull()) {
              values.put(ch.apiName(), ch.value(v));
            }
            i++;
          }
          long queue = rs.getLong(3);
          Long queueDepth = rs.wasNull() ? null : queue;
          String link = rs.getString(2);
          boolean stale = lastSeen == null || lastSeen.plus(STALE_AFTER).isBefore(now);
          long gaps = rs.getLong(i);
          long alarms = rs.getLong(i + 1);
          int tier = rs.getInt(i + 2);
          Integer highestTier = rs.wasNull() ? null : tier;
          long aside = rs.getLong(i + 3);
          Long setAside = rs.wasNull() ? null : aside;
          out.add(new FleetEntry(rs.getString(1), link == null ? "UNKNOWN" : link, stale, lastSeen, values,
              gaps, queueDepth, alarms, highestTier, setAside));
        }
      }
    }
    return out;
  }
}
