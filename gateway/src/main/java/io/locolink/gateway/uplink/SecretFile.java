package io.locolink.gateway.uplink;

import io.locolink.gateway.config.ConfigException;
import io.locolink.gateway.config.FileOwnership;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Reads secrets (user name, password, private key) from files that only their owner may read, and
 * that belong to the user the gateway runs as ({@link FileOwnership}).
 * The content is never logged; errors name the config key and the file, never the content.
 */
final class SecretFile {

  private SecretFile() {}

  /** The file's bytes, after checking its permissions. */
  static byte[] readBytes(String key, Path file) {
    try {
      PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
      if (view != null) {
        Set<PosixFilePermission> perms = view.readAttributes().permissions();
        if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
          throw new ConfigException(key, "secret file " + file + " is readable by group or others (mode "
              + PosixFilePermissions.toString(perms) + "); restrict it to its owner: chmod 600 " + file);
        }
        Optional<String> problem = FileOwnership.secretProblem(file);
        if (problem.isPresent()) {
          throw new ConfigException(key, "secret file " + problem.get());
        }
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ConfigException(key, "cannot read secret file " + file + ": " + e.getClass().getSimpleName());
    }
  }

  /** The file's text without a trailing line break. */
  static String readText(String key, Path file) {
    return new String(readBytes(key, file), StandardCharsets.UTF_8).stripTrailing();
  }
}
