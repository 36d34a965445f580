package io.locolink.simulator.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.regex.Pattern;
import java.util.random.RandomGenerator;

/**
 * The tag of one fleet run, in its locomotive ids ({@code loco-RUN-NNNNN}), its plain publishers'
 * ids and every MQTT client id and shared-subscription group it uses, so that two runs (or a run
 * and anything else) on one broker never take each other's client ids, topics or messages. No
 * client of a fleet keeps a session on the broker (all connect with a clean session), so nothing
 * needs a client id to survive the run; what must survive is a locomotive's identity where its
 * journal does: with a state directory the tag is kept there ({@value #FILE}) and a later run on the
 * same journals is the same fleet. Stateless.
 */
final class RunIds {

  /** The file in the state directory that keeps the tag. */
  static final String FILE = "fleet-run-id";

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9]{1,16}");

  private RunIds() {}

  /**
   * {@code given} when not null; else, with {@code stateDir}, the tag kept there (a fresh one made
   * and kept on first use); else a fresh one.
   *
   * @param random draws a fresh tag (32 bits, as 8 hex digits)
   * @throws IllegalArgumentException if {@code given} or the kept tag is not 1-16 letters or digits
   * @throws FleetException if the state directory's tag cannot be read or kept
   */
  static String resolve(String given, Path stateDir, RandomGenerator random) {
    if (given != null) {
      return require(given);
    }
    if (stateDir == null) {
      return fresh(random);
    }
    Path file = stateDir.resolve(FILE);
    try {
      if (Files.exists(file)) {
        return require(Files.readString(file, StandardCharsets.US_ASCII).strip());
      }
      String tag = fresh(random);
      Files.createDirectories(stateDir);
      Files.writeString(file, tag + "\n", StandardCharsets.US_ASCII);
      return tag;
    } catch (IOException e) {
      throw new FleetException("cannot keep the fleet's run id in " + file, e);
    }
  }

  /**
   * @throws IllegalArgumentException if {@code tag} is not 1-16 letters or digits
   */
  static String require(String tag) {
    if (tag == null || !VALID.matcher(tag).matches()) {
      throw new IllegalArgumentException("--run-id must be 1-16 letters or digits, got '" + tag + "'");
    }
    return tag;
  }

  private static String fresh(RandomGenerator random) {
    return HexFormat.of().toHexDigits(random.nextInt());
  }
}
