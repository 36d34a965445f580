package io.locolink.ground.web;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/**
 * Salted password hashes with bcrypt (at.favre.lib): cost 12, a fresh 16-byte salt per hash, the
 * cost and salt kept inside the hash string. Thread-safe.
 */
final class PasswordHasher {

  /** bcrypt cost: 2^12 rounds, about 0.2-0.4 s on a small server: slow for guessing, fine for a log-in. */
  static final int COST = 12;
  /** Shortest password accepted for a new user. */
  static final int MIN_LENGTH = 12;
  /** bcrypt reads at most 72 bytes; longer passwords are refused rather than cut silently. */
  static final int MAX_BYTES = 72;

  /** Verifies against this when the user does not exist, so both answers take as long. */
  private static final String DUMMY = hash("not a password of anyone".toCharArray());

  private PasswordHasher() {}

  /**
   * Hashes a new password.
   *
   * @throws IllegalArgumentException if it is shorter than {@link #MIN_LENGTH} characters or longer than 72 bytes
   */
  static String hash(char[] password) {
    check(password);
    return BCrypt.withDefaults().hashToString(COST, password);
  }

  /** True if {@code password} matches {@code hash}; a null hash (unknown user) costs the same and fails. */
  static boolean verify(char[] password, String hash) {
    if (new String(password).getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return false;
    }
    BCrypt.Result r = BCrypt.verifyer().verify(password, hash == null ? DUMMY : hash);
    return hash != null && r.verified;
  }

  /** Checks a new password's length; the message says what is wrong. */
  static void check(char[] password) {
    if (password.length < MIN_LENGTH) {
      throw new IllegalArgumentException("a password needs at least " + MIN_LENGTH + " characters");
    }
    if (new String(password).getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new IllegalArgumentException("a password may have at most " + MAX_BYTES + " bytes (bcrypt's limit)");
    }
  }
}
