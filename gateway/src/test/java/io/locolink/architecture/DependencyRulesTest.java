package io.locolink.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Holds the package map of DESIGN.md: which packages may import Pi4J, serial, Paho, Californium
 * and the generated protobuf classes, and that the gateway never depends on the simulator or the ground.
 * Reads the import statements of the gateway's main sources.
 */
class DependencyRulesTest {

  private static final Path SOURCES = Path.of("src/main/java/io/locolink");
  private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);

  /** Library prefix → the packages (under io.locolink) allowed to import it. */
  private static final Map<String, List<String>> ALLOWED = Map.of(
      "com.pi4j", List.of("gateway.devices"),
      "com.fazecast", List.of("gateway.devices"),
      "org.eclipse.paho", List.of("gateway.uplink"),
      "org.eclipse.californium", List.of("gateway.depot"),
      "io.locolink.simulator", List.of(),
      "io.locolink.ground", List.of(),
      "io.locolink.proto", List.of("gateway.framing", "gateway.trips", "gateway.uplink", "gateway.depot"));

  private record Use(String sourcePackage, String file, String imported) {}

  private static List<Use> imports() throws IOException {
    List<Use> uses = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String pkg = SOURCES.relativize(file.getParent()).toString().replace('/', '.').replace('\\', '.');
        Matcher m = IMPORT.matcher(Files.readString(file));
        while (m.find()) {
          uses.add(new Use(pkg, file.getFileName().toString(), m.group(1)));
        }
      }
    }
    return uses;
  }

  @Test
  void librariesStayInTheirAdapterPackages() throws IOException {
    List<Use> uses = imports();
    assertTrue(uses.size() > 50, "the scan found the sources (" + uses.size() + " imports)");
    List<String> violations = new ArrayList<>();
    for (Use use : uses) {
      ALLOWED.forEach((prefix, allowed) -> {
        if (use.imported().startsWith(prefix)
            && allowed.stream().noneMatch(a -> use.sourcePackage().equals(a) || use.sourcePackage().startsWith(a + "."))) {
          violations.add(use.sourcePackage() + "/" + use.file() + " imports " + use.imported());
        }
      });
    }
    assertEquals(List.of(), violations);
  }

  @Test
  void estimationIsPure() throws IOException {
    List<String> impure = imports().stream()
        .filter(u -> u.sourcePackage().equals("gateway.estimation"))
        .filter(u -> u.imported().startsWith("java.io") || u.imported().startsWith("java.nio")
            || u.imported().startsWith("java.net") || u.imported().startsWith("io.locolink.proto"))
        .map(u -> u.file() + " imports " + u.imported())
        .toList();
    assertEquals(List.of(), impure);
  }
}
