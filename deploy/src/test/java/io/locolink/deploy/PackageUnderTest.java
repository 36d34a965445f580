package io.locolink.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One built package, installed on this machine by a test class as an operator would: purged before
 * the class (which needs root) and after it, so a failed run leaves nothing for the next one.
 * Register it as a static {@code @RegisterExtension} field.
 */
final class PackageUnderTest implements BeforeAllCallback, AfterAllCallback {

  private final String name;
  private final String debFile;

  /**
   * @param name the package name, e.g. {@code locolink-gateway}
   * @param debFile the built file in target/, e.g. {@code locolink-gateway_all.deb}
   */
  PackageUnderTest(String name, String debFile) {
    this.name = name;
    this.debFile = debFile;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Packages.requireRoot();
    Packages.purge(name);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (Command.root()) {
      Packages.purge(name, Packages.JAVA_STAND_IN);
    }
  }

  String name() {
    return name;
  }

  /** The built package file. */
  Path deb() {
    return Packages.built(debFile);
  }

  /**
   * Checks the built package with lintian (no errors), provides a Java runtime to depend on, and
   * installs the package with dpkg -i.
   *
   * @param work a scratch directory for the Java stand-in package
   * @return the package's files as dpkg lists them
   */
  List<Path> install(Path work) throws IOException, InterruptedException {
    Path deb = deb();
    assertEquals(List.of(), Packages.lintianErrors(deb));
    Packages.provideJavaRuntime(work);
    Command.ok("dpkg", "-i", deb.toString());
    Packages.assertInstalled(name);
    return Packages.files(name);
  }

  /**
   * Purges the package and checks that its service user, its directories and every file it
   * installed are gone.
   */
  void purgeLeavesNothing(List<Path> installed, String user, Path... directories)
      throws IOException, InterruptedException {
    Command.ok("dpkg", "--purge", name);
    assertFalse(Packages.userExists(user), "the service user " + user + " goes with purge");
    for (Path dir : directories) {
      assertFalse(Files.exists(dir), dir + " goes with purge");
    }
    for (Path file : installed) {
      if (!Files.isDirectory(file)) {
        assertFalse(Files.exists(file), file + " is left after purge");
      }
    }
  }
}
