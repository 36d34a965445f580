package io.locolink.ground.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Reads stored raw messages back, for a decoder that needs earlier frames of a locomotive. Thread-safe. */
public final class RawFrames {

  /** The frames of a cell-prediction chain are sought at most this long before the frame asking. */
  private static final long LOOK_BACK_MS = 3_600_000L;

  private final DataSource dataSource;

  public RawFrames(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * The payloads of the telemetry messages of {@code locomotive}'s boot {@code bootId} numbered
   * {@code [fromSequence, toSequence]}, stored with a header time in the hour up to {@code timeMs},
   * in sequence order.
   */
  public List<byte[]> telemetry(String locomotive, long bootId, long fromSequence, long toSequence, long timeMs)
      throws SQLException {
    List<byte[]> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT r.payload "
        + "FROM raw_message r JOIN locomotive l ON l.id = r.locomotive_id WHERE l.name = ? AND r.boot_id = ? "
        + "AND r.stream = ? AND r.sequence BETWEEN ? AND ? AND r.time BETWEEN ? AND ? ORDER BY r.sequence")) {
      s.setString(1, locomotive);
      s.setLong(2, bootId);
      s.setInt(3, Stream.TELEMETRY.code());
      s.setLong(4, fromSequence);
      s.setLong(5, toSequence);
      s.setTimestamp(6, new Timestamp(timeMs - LOOK_BACK_MS));
      s.setTimestamp(7, new Timestamp(timeMs));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getBytes(1));
        }
      }
    }
    return out;
  }
}
