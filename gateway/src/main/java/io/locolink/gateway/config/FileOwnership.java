package io.locolink.gateway.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Who may change a file the configuration names. A secret (password, private key, pre-shared key)
 * must belong to the user the gateway runs as and must not be writable by group or others; a
 * trusted public file (a CA certificate) must not be writable by group or others, whoever owns it.
 * Stateless.
 */
public final class FileOwnership {

  private FileOwnership() {}

  /**
   * What is wrong with {@code file} as a secret of the current user, or empty if nothing is.
   * Symbolic links are followed: the target is what is read.
   *
   * @throws IOException if the file's attributes cannot be read (missing file included)
   */
  public static Optional<String> secretProblem(Path file) throws IOException {
    PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class);
    String owner = attributes.owner().getName();
    String me = System.getProperty("user.name");
    if (!owner.equals(me)) {
      return Optional.of(file + " is owned by " + owner + ", not by " + me + ", the user the gateway runs as;"
          + " chown " + me + " " + file);
    }
    return writableByOthers(file, attributes.permissions());
  }

  /**
   * What is wrong with {@code file} as a trusted file (a CA certificate), or empty if nothing is.
   *
   * @throws IOException if the file's attributes cannot be read (missing file included)
   */
  public static Optional<String> trustedProblem(Path file) throws IOException {
    return writableByOthers(file, Files.getPosixFilePermissions(file));
  }

  private static Optional<String> writableByOthers(Path file, Set<PosixFilePermission> perms) {
    if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
      return Optional.of(file + " is writable by group or others (mode " + PosixFilePermissions.toString(perms)
          + "); chmod go-w " + file);
    }
    return Optional.empty();
  }
}
