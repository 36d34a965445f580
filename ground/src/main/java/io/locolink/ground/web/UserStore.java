package io.locolink.ground.web;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/** The dashboard's users in PostgreSQL ({@code web_user}). Thread-safe; every call takes its own connection. */
public final class UserStore {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

  private final DataSource dataSource;

  public UserStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Adds a user, or with {@code replace} sets an existing user's role and password.
   *
   * @throws IllegalArgumentException for a bad name or password, or an existing name without {@code replace}
   * @throws SQLException if the database fails
   */
  public WebUser add(String name, Role role, char[] password, boolean replace) throws SQLException {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a user name is 1-64 of A-Z a-z 0-9 . _ @ -, got '" + name + "'");
    }
    String hash = PasswordHasher.hash(password);
    String sql = "INSERT INTO web_user (name, role, password_hash) VALUES (?, ?, ?) ON CONFLICT (name) DO "
        + (replace ? "UPDATE SET role = EXCLUDED.role, password_hash = EXCLUDED.password_hash, disabled = false"
            : "NOTHING")
        + " RETURNING id";
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, name);
      s.setString(2, role.dbName());
      s.setString(3, hash);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalArgumentException("user '" + name + "' exists already");
        }
        return new WebUser(rs.getInt(1), name, role);
      }
    }
  }

  /**
   * The user whose name and password match; empty otherwise (also for a disabled user). Takes as
   * long for an unknown name as for a wrong password.
   */
  public Optional<WebUser> authenticate(String name, char[] password) throws SQLException {
    String sql = "SELECT id, role, password_hash, disabled FROM web_user WHERE name = ?";
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          PasswordHasher.verify(password, null);
          return Optional.empty();
        }
        boolean ok = PasswordHasher.verify(password, rs.getString(3)) && !rs.getBoolean(4);
        return ok ? Optional.of(new WebUser(rs.getInt(1), name, Role.of(rs.getString(2)))) : Optional.empty();
      }
    }
  }

  /** Every user, by name. */
  public List<WebUser> list() throws SQLException {
    List<WebUser> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT id, name, role FROM web_user ORDER BY name");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.add(new WebUser(rs.getInt(1), rs.getString(2), Role.of(rs.getString(3))));
      }
    }
    return out;
  }

  /** Number of enabled administrators. */
  public int admins() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT count(*) FROM web_user WHERE role = 'admin' AND NOT disabled");
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
