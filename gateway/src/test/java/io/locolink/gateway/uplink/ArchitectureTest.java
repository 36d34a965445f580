package io.locolink.gateway.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The journal is plain Java and files; Paho is imported by the uplink package only. */
class ArchitectureTest {

  static final Path MAIN = Path.of("src", "main", "java", "io", "locolink", "gateway");

  static List<String> filesImporting(Path root, String prefix) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
        try {
          return Files.readAllLines(p).stream().anyMatch(l -> l.startsWith("import " + prefix));
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }).map(p -> MAIN.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void pahoOnlyInTheUplinkPackage() throws IOException {
    assertEquals(List.of(), filesImporting(MAIN, "org.eclipse.paho").stream()
        .filter(f -> !f.startsWith("uplink/")).toList());
  }

  @Test
  void journalImportsNoTransportHardwareOrGeneratedCode() throws IOException {
    Path journal = MAIN.resolve("journal");
    for (String forbidden : List.of("org.eclipse", "com.pi4j", "io.locolink.proto", "io.locolink.gateway.uplink")) {
      assertEquals(List.of(), filesImporting(journal, forbidden), forbidden);
    }
    assertEquals(List.of(), filesImporting(MAIN.resolve("uplink"), "io.locolink.proto"));
  }
}
