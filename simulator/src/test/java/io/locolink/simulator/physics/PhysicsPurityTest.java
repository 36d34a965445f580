package io.locolink.simulator.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The physics package stays pure maths: it imports only java.lang, java.util and java.time. */
class PhysicsPurityTest {

  private static final Path SOURCES = Path.of("src/main/java/io/locolink/simulator/physics");
  private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);

  @Test
  void physicsImportsNoIoNoLibrariesNoOtherSimulatorPackage() throws IOException {
    List<String> violations = new ArrayList<>();
    int files = 0;
    try (Stream<Path> paths = Files.list(SOURCES)) {
      for (Path file : paths.filter(f -> f.toString().endsWith(".java")).toList()) {
        files++;
        Matcher m = IMPORT.matcher(Files.readString(file));
        while (m.find()) {
          String imported = m.group(1);
          boolean allowed = imported.startsWith("java.util.") || imported.startsWith("java.time.")
              || imported.startsWith("java.lang.");
          if (!allowed) {
            violations.add(file.getFileName() + " imports " + imported);
          }
        }
      }
    }
    assertTrue(files > 10, "the scan found the physics sources (" + files + ")");
    assertEquals(List.of(), violations);
  }
}
