package io.locolink.simulator.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code locolink} launcher run from another directory (as the demo's footer suggests, from
 * another terminal) builds the project it belongs to when its jar is missing or older than the
 * sources: the build runs in the launcher's own directory, where the project's pom is. The real
 * script is run by bash on a copy of the project's layout whose {@code mvnw} records where it ran.
 */
class LauncherTest {

  static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  @Test
  void aStaleJarIsBuiltInTheLaunchersDirectoryWhereverItIsCalledFrom(@TempDir Path dir) throws Exception {
    assertTrue(Files.isRegularFile(REPO.resolve("locolink")), "the launcher at " + REPO);
    Path project = Files.createDirectories(dir.resolve("project"));
    Files.createDirectories(project.resolve(".mvn"));
    Files.copy(REPO.resolve("locolink"), project.resolve("locolink"));
    Files.copy(REPO.resolve(".mvn/jdk.sh"), project.resolve(".mvn/jdk.sh"));
    Files.writeString(project.resolve("pom.xml"), "<project/>\n");
    Path ranIn = dir.resolve("mvnw-ran-in");
    Files.writeString(project.resolve("mvnw"), "#!/bin/sh\npwd > '" + ranIn + "'\n");
    for (String script : new String[] {"locolink", "mvnw"}) {
      Files.setPosixFilePermissions(project.resolve(script), PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));

    Process p = new ProcessBuilder("bash", project.resolve("locolink").toString(), "--version")
        .directory(elsewhere.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("out").toFile()).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher ends (its java finds no jar and says so)");

    assertTrue(Files.exists(ranIn), "the launcher ran mvnw: " + Files.readString(dir.resolve("out")));
    assertEquals(project.toRealPath().toString(), Files.readString(ranIn).strip(), "mvnw's working directory");
  }
}
