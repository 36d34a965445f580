package io.locolink.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Installing and purging the built packages on this machine, as root. Every test that installs
 * purges before and after, so a failed run leaves nothing for the next one.
 */
final class Packages {

  /**
   * Stands for a Java 21+ runtime that was installed without dpkg (a JDK unpacked under
   * /usr/lib/jvm, as on the build machines): the same role as a package made with equivs.
   */
  static final String JAVA_STAND_IN = "locolink-test-java-runtime";

  private Packages() {}

  /** Fails, clearly, unless this runs as root: dpkg -i and --purge change the machine. */
  static void requireRoot() throws IOException, InterruptedException {
    assertTrue(Command.root(), "the package tests install .deb files with dpkg and must run as root"
        + " (CI does); run them as root or leave the deploy module out with -pl '!deploy'");
  }

  /** The built package file {@code name} in target/. */
  static Path built(String name) {
    Path deb = Path.of("target", name).toAbsolutePath();
    assertTrue(Files.isRegularFile(deb), deb + " was not built");
    return deb;
  }

  /** Lintian's error lines for {@code deb} (warnings and notes are not errors). */
  static List<String> lintianErrors(Path deb) throws IOException, InterruptedException {
    String lintian = Command.tool("/usr/bin/lintian", "lintian");
    Command c = Command.run(lintian, "--allow-root", deb.toString());
    return c.output().lines().filter(l -> l.startsWith("E: ")).toList();
  }

  /** Installs a package that provides java21-runtime-headless, unless dpkg already knows one. */
  static void provideJavaRuntime(Path workDir) throws IOException, InterruptedException {
    Command known = Command.run("dpkg-query", "-W", "-f=${Status} ${Provides}\\n");
    boolean provided = known.output().lines()
        .anyMatch(l -> l.startsWith("install ok installed") && l.contains("java21-runtime-headless"));
    if (provided) {
      return;
    }
    Path root = workDir.resolve("java-stand-in");
    Files.createDirectories(root.resolve("DEBIAN"));
    Files.writeString(root.resolve("DEBIAN/control"), "Package: " + JAVA_STAND_IN + "\n"
        + "Version: 1\nArchitecture: all\nMaintainer: LocoLink maintainers <maintainers@locolink.io>\n"
        + "Provides: java21-runtime-headless\n"
        + "Description: Java 21+ runtime installed outside dpkg\n"
        + " Declares to dpkg the JDK unpacked under /usr/lib/jvm on this machine.\n");
    Path deb = workDir.resolve(JAVA_STAND_IN + ".deb");
    Command.ok("dpkg-deb", "--root-owner-group", "--build", root.toString(), deb.toString());
    Command.ok("dpkg", "-i", deb.toString());
  }

  /** Purges {@code packages} if installed; fails if dpkg refuses. */
  static void purge(String... packages) throws IOException, InterruptedException {
    for (String p : packages) {
      Command status = Command.run("dpkg-query", "-W", "-f=${db:Status-Abbrev}", p);
      if (status.exitCode() == 0 && !status.output().isBlank() && !status.output().startsWith("un")) {
        Command.ok("dpkg", "--purge", p);
      }
    }
  }

  /** True if the system user exists. */
  static boolean userExists(String user) throws IOException, InterruptedException {
    return Command.run("getent", "passwd", user).exitCode() == 0;
  }

  /** The package's files as dpkg lists them while it is installed. */
  static List<Path> files(String pkg) throws IOException, InterruptedException {
    return Command.ok("dpkg", "-L", pkg).lines().filter(l -> l.startsWith("/")).map(Path::of).toList();
  }

  static void assertInstalled(String pkg) throws IOException, InterruptedException {
    assertEquals("ii ", Command.ok("dpkg-query", "-W", "-f=${db:Status-Abbrev}", pkg));
  }
}
