package io.locolink.ground.web;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The audit trail of the dashboard ({@code web_audit}): who did what, when. Thread-safe. */
final class Audit {

  private final DataSource dataSource;

  Audit(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Appends one entry, timed by the database. */
  void record(String user, String action, String detail) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("INSERT INTO web_audit (user_name, action, detail) VALUES (?, ?, ?)")) {
      s.setString(1, user);
      s.setString(2, action);
      s.setString(3, detail);
      s.executeUpdate();
    }
  }
}
