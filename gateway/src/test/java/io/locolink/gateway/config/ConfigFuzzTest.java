package io.locolink.gateway.config;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * The configuration loader fed the shipped example with its lines damaged (values replaced by odd
 * tokens, lines dropped, repeated or re-indented) and plain noise: it loads or fails with a
 * {@link ConfigException} that names the problem, nothing else.
 */
class ConfigFuzzTest {

  static final List<String> EXAMPLE = example();

  private static List<String> example() {
    try {
      return Files.readAllLines(Path.of("..", "deploy", "gateway", "etc", "locolink.yaml"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void load(String yaml) {
    try {
      ConfigLoader.parse(yaml, LocoLinkConfig.class);
    } catch (ConfigException e) {
      assertFalse(e.getMessage().isBlank());
    }
  }

  @Provide
  Arbitrary<String> damagedExample() {
    Arbitrary<String> token = Arbitraries.oneOf(
        Arbitraries.of("", "~", "-1", "0", "1e30", "NaN", ".inf", "[]", "{}", "[1, 2]", "0x10", "9999999999999999999",
            "true", "'x'", "\"", ":", "- a", "&a", "*a", "!!binary AAAA", "{a: 1}", "|", ">"),
        Arbitraries.strings().ofMaxLength(12));
    Arbitrary<Integer> line = Arbitraries.integers().between(0, EXAMPLE.size() - 1);
    Arbitrary<Integer> edit = Arbitraries.integers().between(0, 3);
    return Combinators.combine(line, edit, token).as((l, e, t) -> {
      List<String> lines = new ArrayList<>(EXAMPLE);
      String at = lines.get(l);
      switch (e) {
        case 0 -> {
          int colon = at.indexOf(':');
          lines.set(l, colon < 0 ? t : at.substring(0, colon + 1) + " " + t);
        }
        case 1 -> lines.remove((int) l);
        case 2 -> lines.add(l, at);
        default -> lines.set(l, "  " + at);
      }
      return String.join("\n", lines) + "\n";
    }).list().ofMinSize(1).ofMaxSize(3).map(List::getLast);
  }

  @Property(tries = 300)
  void damagedExample(@ForAll("damagedExample") String yaml) {
    load(yaml);
  }

  @Property(tries = 200)
  void noise(@ForAll @Size(max = 200) String text) {
    load(text);
  }
}
