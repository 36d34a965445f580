package io.locolink.ground.collect;

import io.locolink.gateway.depot.KeyFileException;
import io.locolink.gateway.depot.PskKeyFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;

/**
 * The station's depot keys: a directory (mode 0700) holding one file per PSK identity, mode 0600,
 * whose content is the secret ({@code DIR/IDENTITY}), and per-locomotive overrides
 * ({@code DIR/LOCOMOTIVE/IDENTITY}) for fleets that key each locomotive apart. A locomotive's
 * announced identities are tried in order; the first with a key file wins. Identities and
 * locomotive ids become file names only when they have a plain shape. Secrets never appear in
 * messages or logs. Stateless; reads the files on each call, so keys can be added without a restart.
 */
public final class DepotKeyStore {

  /** An identity and its key. */
  public record Key(String identity, byte[] secret) {
    @Override
    public String toString() {
      return "Key[" + identity + "]";
    }
  }

  private final Path directory;

  public DepotKeyStore(Path directory) {
    this.directory = directory;
  }

  /**
   * The key for one of {@code identities} of {@code locomotive}.
   *
   * @throws KeyFileException if the store is open to others, a key file is bad, or no identity has a key
   */
  public Key keyFor(String locomotive, List<String> identities) {
    requirePrivate(directory);
    for (String identity : identities) {
      if (!plain(identity)) {
        continue;
      }
      Path own = plain(locomotive) ? directory.resolve(locomotive).resolve(identity) : null;
      Path file = own != null && Files.isRegularFile(own) ? own : directory.resolve(identity);
      if (Files.isRegularFile(file)) {
        return new Key(identity, PskKeyFile.keyFor(file, identity));
      }
    }
    throw new KeyFileException("no key in the key store for identities " + identities + " of " + locomotive);
  }

  private static boolean plain(String name) {
    return name.matches("[A-Za-z0-9._-]{1,128}") && !name.startsWith(".");
  }

  private static void requirePrivate(Path dir) {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
      for (PosixFilePermission p : perms) {
        if (p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_")) {
          throw new KeyFileException("key store " + dir + " is accessible by group or others (" + p + "); chmod 700 it");
        }
      }
    } catch (IOException e) {
      throw new KeyFileException("key store " + dir + " is not readable (" + e.getClass().getSimpleName() + ")");
    }
  }
}
