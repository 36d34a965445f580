package io.locolink.gateway.depot;

import io.locolink.gateway.config.FileOwnership;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads DTLS pre-shared keys. The file holds one {@code identity:secret} per line (blank lines and
 * {@code #} comments ignored); the key is the UTF-8 bytes of the secret, so the same text works as
 * {@code coap-client -u IDENTITY -k SECRET}. A client key file may also hold just the secret on
 * one line. The file must not be readable or writable by group or others and must belong to the
 * user the gateway runs as. Secrets never appear in messages. Stateless.
 */
public final class PskKeyFile {

  /** Shortest secret accepted, bytes (128 bits of base64 text is 22 characters). */
  public static final int MIN_SECRET_BYTES = 16;

  private PskKeyFile() {}

  /**
   * All identities and keys of a server key file.
   *
   * @throws KeyFileException if the file is missing, too open, or malformed
   */
  public static Map<String, byte[]> readAll(Path file) {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    int n = 0;
    for (String raw : lines(file)) {
      n++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new KeyFileException(file + " line " + n + ": expected identity:secret");
      }
      String identity = line.substring(0, colon);
      byte[] secret = line.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
      checkSecret(file, n, identity, secret);
      if (keys.put(identity, secret) != null) {
        throw new KeyFileException(file + " line " + n + ": identity " + identity + " appears twice");
      }
    }
    if (keys.isEmpty()) {
      throw new KeyFileException(file + ": no identity:secret line");
    }
    return keys;
  }

  /**
   * The key of {@code identity} from a client key file: the line of that identity, or the only
   * line when it is a bare secret.
   *
   * @throws KeyFileException if the file is missing, too open, malformed or lacks the identity
   */
  public static byte[] keyFor(Path file, String identity) {
    List<String> content = lines(file).stream().map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    if (content.size() == 1 && !content.get(0).contains(":")) {
      byte[] secret = content.get(0).getBytes(StandardCharsets.UTF_8);
      checkSecret(file, 1, identity, secret);
      return secret;
    }
    byte[] key = readAll(file).get(identity);
    if (key == null) {
      throw new KeyFileException(file + ": no key for identity " + identity);
    }
    return key;
  }

  private static void checkSecret(Path file, int line, String identity, byte[] secret) {
    if (secret.length < MIN_SECRET_BYTES) {
      throw new KeyFileException(file + " line " + line + ": secret of " + identity + " is shorter than "
          + MIN_SECRET_BYTES + " bytes");
    }
    if (identity.length() > 128) {
      throw new KeyFileException(file + " line " + line + ": identity longer than 128 characters");
    }
  }

  private static List<String> lines(Path file) {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      for (PosixFilePermission p : perms) {
        if (p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_")) {
          throw new KeyFileException(file + " is accessible by group or others (" + p
              + "); chmod 600 it");
        }
      }
      Optional<String> problem = FileOwnership.secretProblem(file);
      if (problem.isPresent()) {
        throw new KeyFileException(problem.get());
      }
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (UnsupportedOperationException e) {
      throw new KeyFileException(file + ": cannot check permissions on this file system");
    } catch (NoSuchFileException e) {
      throw new KeyFileException(file + ": no such file");
    } catch (IOException e) {
      throw new KeyFileException(file + ": cannot read key file (" + e.getClass().getSimpleName() + ")");
    }
  }
}
