package io.locolink.ground.tools.depot;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The list of gateways for {@code depot pull --all}: one per line,
 * {@code NAME coaps://HOST[:PORT] IDENTITY KEY_FILE}, separated by blanks; blank lines and
 * {@code #} comments ignored. NAME (the locomotive, {@code [A-Za-z0-9._-]}, at most 64) names the
 * gateway's directory under {@code --out}; a relative KEY_FILE is relative to the list's directory.
 */
record GatewaysFile(List<Entry> entries) {

  /** One gateway. */
  record Entry(String name, URI gateway, String identity, Path keyFile) {}

  /**
   * Reads and checks the list.
   *
   * @throws IllegalArgumentException naming the line and the problem
   * @throws IOException if the file cannot be read
   */
  static GatewaysFile read(Path file) throws IOException {
    List<Entry> entries = new ArrayList<>();
    Set<String> names = new HashSet<>();
    int n = 0;
    for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      n++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\\s+");
      if (f.length != 4) {
        throw new IllegalArgumentException(file + " line " + n + ": expected NAME coaps://HOST[:PORT] IDENTITY KEY_FILE");
      }
      if (!f[0].matches("[A-Za-z0-9._-]{1,64}") || f[0].startsWith(".")) {
        throw new IllegalArgumentException(file + " line " + n + ": NAME must be 1-64 of A-Z a-z 0-9 . _ - : " + f[0]);
      }
      if (!names.add(f[0])) {
        throw new IllegalArgumentException(file + " line " + n + ": " + f[0] + " appears twice");
      }
      URI uri;
      try {
        uri = new URI(f[1]);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(file + " line " + n + ": not a URI: " + f[1]);
      }
      Path key = Path.of(f[3]);
      Path base = file.toAbsolutePath().getParent();
      entries.add(new Entry(f[0], uri, f[2], key.isAbsolute() || base == null ? key : base.resolve(key)));
    }
    if (entries.isEmpty()) {
      throw new IllegalArgumentException(file + ": no gateway listed");
    }
    return new GatewaysFile(List.copyOf(entries));
  }
}
