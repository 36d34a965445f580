package io.locolink.ground.web;

import io.locolink.proto.v1.AlarmEvent;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Alarm occurrences from the station's alarm table ({@code alarm_event}, kept as long as the
 * alarm retention says, longer than the raw messages) with their acknowledgements, and the
 * acknowledging itself. An alarm raised is matched with the next clearing of the same code,
 * channel and index in the same gateway boot. Thread-safe.
 */
public final class AlarmLog {

  private final DataSource dataSource;

  public AlarmLog(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Every occurrence raised since {@code since}, optionally of one locomotive (null: all), newest first. */
  public List<AlarmOccurrence> since(Instant since, String locomotive) throws SQLException {
    String sql = "SELECT l.name, a.boot_id, a.sequence, a.time, a.event, a.code, a.channel, a.channel_index, a.tier, "
        + "a.value_milli, a.limit_milli, a.unit FROM alarm_event a JOIN locomotive l ON l.id = a.locomotive_id "
        + "WHERE a.time >= ? " + (locomotive == null ? "" : "AND l.name = ? ") + "ORDER BY a.time, a.sequence";
    Map<String, AlarmOccurrence> byId = new LinkedHashMap<>();
    Map<String, String> openByKey = new HashMap<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setTimestamp(1, Timestamp.from(since));
      if (locomotive != null) {
        s.setString(2, locomotive);
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          accept(rs, byId, openByKey);
        }
      }
      addAcks(c, byId);
    }
    List<AlarmOccurrence> out = new ArrayList<>(byId.values());
    out.sort((a, b) -> b.raised().compareTo(a.raised()));
    return out;
  }

  private static void accept(ResultSet rs, Map<String, AlarmOccurrence> byId, Map<String, String> openByKey)
      throws SQLException {
    String loco = rs.getString(1);
    long boot = rs.getLong(2);
    long seq = rs.getLong(3);
    Instant time = rs.getTimestamp(4).toInstant();
    int event = rs.getInt(5);
    String code = rs.getString(6);
    int index = rs.getInt(8);
    String key = loco + "/" + boot + "/" + code + "/" + rs.getInt(7) + "/" + index;
    if (event == AlarmEvent.ALARM_RAISED_VALUE) {
      String id = id(loco, boot, seq);
      byId.put(id, new AlarmOccurrence(loco, boot, seq, time, code, rs.getInt(9), index,
          BigDecimal.valueOf(rs.getLong(10), 3).stripTrailingZeros(),
          BigDecimal.valueOf(rs.getLong(11), 3).stripTrailingZeros(), rs.getString(12), null, null, null, null));
      openByKey.put(key, id);
    } else if (event == AlarmEvent.ALARM_CLEARED_VALUE) {
      String id = openByKey.remove(key);
      if (id != null) {
        byId.computeIfPresent(id, (k, o) -> o.clearedAt(time));
      }
    }
  }

  private static void addAcks(Connection c, Map<String, AlarmOccurrence> byId) throws SQLException {
    if (byId.isEmpty()) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement("SELECT locomotive, boot_id, sequence, acked_by, acked_at, comment "
        + "FROM alarm_ack WHERE acked_at >= ?")) {
      Instant oldest = byId.values().stream().map(AlarmOccurrence::raised).min(Instant::compareTo).orElseThrow();
      s.setTimestamp(1, Timestamp.from(oldest.minusSeconds(86_400)));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          String id = id(rs.getString(1), rs.getLong(2), rs.getLong(3));
          Instant at = rs.getTimestamp(5).toInstant();
          String who = rs.getString(4);
          String comment = rs.getString(6);
          byId.computeIfPresent(id, (k, o) -> o.ackedBy(who, at, comment));
        }
      }
    }
  }

  /**
   * Acknowledges one occurrence and writes the audit record.
   *
   * @return false if it was acknowledged already (the first acknowledgement stands)
   * @throws IllegalArgumentException for an empty or over-long comment
   */
  public boolean acknowledge(String locomotive, long bootId, long sequence, String user, String comment)
      throws SQLException {
    String text = comment == null ? "" : comment.strip();
    if (text.isEmpty() || text.length() > 1000) {
      throw new IllegalArgumentException("an acknowledgement needs a comment of 1-1000 characters");
    }
    try (Connection c = dataSource.getConnection()) {
      if (!exists(c, locomotive, bootId, sequence)) {
        throw new IllegalArgumentException("no alarm " + id(locomotive, bootId, sequence) + " is stored");
      }
      c.setAutoCommit(false);
      try (PreparedStatement ack = c.prepareStatement("INSERT INTO alarm_ack (locomotive, boot_id, sequence, "
          + "acked_by, comment) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
          PreparedStatement audit = c.prepareStatement(
              "INSERT INTO web_audit (user_name, action, detail) VALUES (?, 'acknowledge', ?)")) {
        ack.setString(1, locomotive);
        ack.setLong(2, bootId);
        ack.setLong(3, sequence);
        ack.setString(4, user);
        ack.setString(5, text);
        boolean first = ack.executeUpdate() == 1;
        if (first) {
          audit.setString(1, user);
          audit.setString(2, id(locomotive, bootId, sequence) + ": " + text);
          audit.executeUpdate();
        }
        c.commit();
        return first;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  private static boolean exists(Connection c, String loco, long boot, long seq) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM alarm_event a JOIN locomotive l ON l.id = a.locomotive_id "
        + "WHERE l.name = ? AND a.boot_id = ? AND a.sequence = ? AND a.event = ?")) {
      s.setString(1, loco);
      s.setLong(2, boot);
      s.setLong(3, seq);
      s.setShort(4, (short) AlarmEvent.ALARM_RAISED_VALUE);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static String id(String loco, long boot, long seq) {
    return loco + "/" + boot + "/" + seq;
  }
}
