package io.locolink.ground.web;

import com.google.protobuf.InvalidProtocolBufferException;
import io.locolink.proto.v1.Alarm;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alarm occurrences as the station stored them (the alarm messages kept byte for byte) with their
 * acknowledgements, and the acknowledging itself. An alarm raised is matched with the next
 * clearing of the same code, channel and index in the same gateway boot. Thread-safe.
 */
public final class AlarmLog {

  private static final Logger LOG = LoggerFactory.getLogger(AlarmLog.class);
  private static final int ALARM_STREAM = 3;

  private final DataSource dataSource;

  public AlarmLog(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Every occurrence raised since {@code since}, optionally of one locomotive (null: all), newest first. */
  public List<AlarmOccurrence> since(Instant since, String locomotive) throws SQLException {
    String sql = "SELECT l.name, r.boot_id, r.sequence, r.time, r.payload FROM raw_message r "
        + "JOIN locomotive l ON l.id = r.locomotive_id WHERE r.stream = ? AND r.time >= ? "
        + (locomotive == null ? "" : "AND l.name = ? ") + "ORDER BY r.time, r.sequence";
    Map<String, AlarmOccurrence> byId = new LinkedHashMap<>();
    Map<String, String> openByKey = new HashMap<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setInt(1, ALARM_STREAM);
      s.setTimestamp(2, Timestamp.from(since));
      if (locomotive != null) {
        s.setString(3, locomotive);
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          accept(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getTimestamp(4).toInstant(), rs.getBytes(5), byId,
              openByKey);
        }
      }
      addAcks(c, byId);
    }
    List<AlarmOccurrence> out = new ArrayList<>(byId.values());
    out.sort((a, b) -> b.raised().compareTo(a.raised()));
    return out;
  }

  private static void accept(String loco, long boot, long seq, Instant time, byte[] payload,
      Map<String, AlarmOccurrence> byId, Map<String, String> openByKey) {
    Alarm a;
    try {
      a = Alarm.parseFrom(payload);
    } catch (InvalidProtocolBufferException e) {
      LOG.warn("stored alarm {} {} {} does not decode: {}", loco, boot, seq, e.getMessage());
      return;
    }
    String key = loco + "/" + boot + "/" + a.getCode() + "/" + a.getChannelValue() + "/" + a.getIndex();
    if (a.getEvent() == AlarmEvent.ALARM_RAISED) {
      String id = id(loco, boot, seq);
      byId.put(id, new AlarmOccurrence(loco, boot, seq, time, a.getCode(), a.getTierValue(), a.getIndex(),
          BigDecimal.valueOf(a.getValueMilli(), 3).stripTrailingZeros(),
          BigDecimal.valueOf(a.getLimitMilli(), 3).stripTrailingZeros(), a.getUnit(), null, null, null, null));
      openByKey.put(key, id);
    } else if (a.getEvent() == AlarmEvent.ALARM_CLEARED) {
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
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM raw_message r JOIN locomotive l ON l.id = r.locomotive_id "
        + "WHERE l.name = ? AND r.boot_id = ? AND r.sequence = ? AND r.stream = ?")) {
      s.setString(1, loco);
      s.setLong(2, boot);
      s.setLong(3, seq);
      s.setInt(4, ALARM_STREAM);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static String id(String loco, long boot, long seq) {
    return loco + "/" + boot + "/" + seq;
  }
}
