package io.locolink.ground.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Sessions in PostgreSQL ({@code web_session}): a random 256-bit token goes to the browser as a
 * cookie and only its SHA-256 is stored. A session ends after {@link #IDLE} without a request or
 * {@link #ABSOLUTE} after log-in, whichever comes first. Thread-safe.
 */
public final class SessionStore {

  /** A session unused this long ends. */
  static final Duration IDLE = Duration.ofHours(8);
  /** No session lasts longer than this. */
  static final Duration ABSOLUTE = Duration.ofDays(7);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final DataSource dataSource;
  private final InstantSource clock;

  public SessionStore(DataSource dataSource, InstantSource clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  /** A new session for {@code user}; returns the cookie token (shown once, never stored). */
  public String create(WebUser user) throws SQLException {
    String token = randomToken();
    Instant now = clock.instant();
    String sql = "INSERT INTO web_session (token_sha256, user_id, csrf_token, created, last_seen, expires) "
        + "VALUES (?, ?, ?, ?, ?, ?)";
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setBytes(1, sha256(token));
      s.setInt(2, user.id());
      s.setString(3, randomToken());
      s.setTimestamp(4, Timestamp.from(now));
      s.setTimestamp(5, Timestamp.from(now));
      s.setTimestamp(6, Timestamp.from(now.plus(ABSOLUTE)));
      s.executeUpdate();
    }
    return token;
  }

  /** The live session of a cookie token, touched as used now; empty if unknown, expired, idle or disabled. */
  public Optional<WebSession> find(String token) throws SQLException {
    if (token == null || token.length() != 43) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    String sql = "UPDATE web_session s SET last_seen = ? FROM web_user u WHERE s.token_sha256 = ? "
        + "AND u.id = s.user_id AND NOT u.disabled AND s.expires > ? AND s.last_seen > ? "
        + "RETURNING u.id, u.name, u.role, s.csrf_token";
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setTimestamp(1, Timestamp.from(now));
      s.setBytes(2, sha256(token));
      s.setTimestamp(3, Timestamp.from(now));
      s.setTimestamp(4, Timestamp.from(now.minus(IDLE)));
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        WebUser user = new WebUser(rs.getInt(1), rs.getString(2), Role.of(rs.getString(3)));
        return Optional.of(new WebSession(user, rs.getString(4)));
      }
    }
  }

  /** Ends the session of a token (log-out); unknown tokens are ignored. */
  public void delete(String token) throws SQLException {
    if (token == null) {
      return;
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("DELETE FROM web_session WHERE token_sha256 = ?")) {
      s.setBytes(1, sha256(token));
      s.executeUpdate();
    }
  }

  /** Removes ended sessions; returns how many. */
  public int purge() throws SQLException {
    Instant now = clock.instant();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("DELETE FROM web_session WHERE expires <= ? OR last_seen <= ?")) {
      s.setTimestamp(1, Timestamp.from(now));
      s.setTimestamp(2, Timestamp.from(now.minus(IDLE)));
      return s.executeUpdate();
    }
  }

  /** 32 random bytes, base64url without padding (43 characters). */
  static String randomToken() {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
