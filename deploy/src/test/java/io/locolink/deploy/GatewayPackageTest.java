package io.locolink.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The locolink-gateway package installed on this machine as an operator would: lintian, dpkg -i,
 * the installed --check with the installed configuration (on the simulator platform, as this is no
 * Pi), also with the unit's JVM options, the unit verified, an edited conffile kept over a reinstall, and
 * nothing left after purge.
 */
class GatewayPackageTest {

  @RegisterExtension
  static final PackageUnderTest PACKAGE = new PackageUnderTest("locolink-gateway", "locolink-gateway_all.deb");
  private static final Path ETC = Path.of("/etc/locolink");
  private static final Path STATE = Path.of("/var/lib/locolink");
  private static final Pattern UNIT_JAVA_OPTS = Pattern.compile("(?m)^Environment=\"LOCOLINK_JAVA_OPTS=([^\"]*)\"$");

  @TempDir
  static Path work;

  @Test
  void installCheckReinstallPurge() throws Exception {
    List<Path> installed = PACKAGE.install(work);

    // the maintainer scripts' work
    assertTrue(Packages.userExists("locolink"));
    Path key = ETC.resolve("depot-psk");
    assertOwnerAndMode(key, "locolink", "rw-------");
    String keyText = Files.readString(key);
    assertTrue(keyText.matches("depot:[0-9a-f]{48}\n"), "identity depot, 24 random bytes in hex");
    assertOwnerAndMode(STATE, "locolink", "rwxr-x---");
    assertOwnerAndMode(ETC.resolve("secrets"), "locolink", "rwx------");
    String conffiles = Command.ok("dpkg-query", "-W", "-f=${Conffiles}", PACKAGE.name());
    assertTrue(conffiles.contains("/etc/locolink/locolink.yaml") && conffiles.contains("/etc/default/locolink"),
        conffiles);

    String analyze = Command.tool("/usr/bin/systemd-analyze", "systemd");
    Command verify = Command.run(analyze, "verify", "/lib/systemd/system/locolink.service");
    assertEquals(0, verify.exitCode(), verify.output());
    assertEquals("", verify.output().strip(), "systemd-analyze verify is silent on a clean unit");

    // what an operator installs next: the broker's CA and the gateway's MQTT credentials
    Path secrets = ETC.resolve("secrets");
    Command.ok("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-keyout", work.resolve("ca.key").toString(), "-out", secrets.resolve("broker-ca.pem").toString(),
        "-days", "2", "-subj", "/CN=LocoLink Fleet CA");
    Files.writeString(secrets.resolve("mqtt-username"), "KZ-TEM-0001\n");
    Files.writeString(secrets.resolve("mqtt-password"), "a password of the test broker\n");
    for (String f : List.of("broker-ca.pem", "mqtt-username", "mqtt-password")) {
      Command.ok("chown", "locolink:locolink", secrets.resolve(f).toString());
      Command.ok("chmod", "600", secrets.resolve(f).toString());
    }
    Path onSimulator = STATE.resolve("check-on-simulator.yaml");
    Files.writeString(onSimulator, Files.readString(ETC.resolve("locolink.yaml"))
        .replace("platform: raspberrypi", "platform: simulator"));
    Command check = Command.run("runuser", "-u", "locolink", "--", "/usr/bin/locolink", "gateway", "--config",
        onSimulator.toString(), "--check");
    assertEquals(0, check.exitCode(), check.output());
    assertTrue(check.output().contains("ok    depot.pskFile /etc/locolink/depot-psk: 1 identities"), check.output());
    assertTrue(check.output().contains("configuration OK: locomotive KZ-TEM-0001"), check.output());

    // the same check with the unit's own JVM options: the JVM takes every one of them, its compile command is
    // not echoed, and the launcher passes the command's class pattern on as it is written, even where a file in
    // the working directory would match it as a shell pattern
    String unit = Files.readString(Path.of("/lib/systemd/system/locolink.service"));
    Matcher opts = UNIT_JAVA_OPTS.matcher(unit);
    assertTrue(opts.find(), "the unit sets LOCOLINK_JAVA_OPTS");
    String unitOpts = opts.group(1);
    assertTrue(unitOpts.contains("-XX:CompileCommand=exclude,org.eclipse.californium.*::*"), unitOpts);
    Path trap = STATE.resolve("-XX:CompileCommand=exclude,org.eclipse.californium.Trap::trap");
    Files.writeString(trap, "");
    Command withUnit = checkAsService(unitOpts, onSimulator);
    assertEquals(0, withUnit.exitCode(), withUnit.output());
    assertTrue(withUnit.output().contains("configuration OK: locomotive KZ-TEM-0001"), withUnit.output());
    assertFalse(withUnit.output().contains("CompileCommand"), withUnit.output());
    Command echoed = checkAsService(unitOpts.replace("-XX:CompileCommand=quiet ", ""), onSimulator);
    assertEquals(0, echoed.exitCode(), echoed.output());
    assertTrue(echoed.output().contains("exclude org/eclipse/californium/*.*"), echoed.output());
    assertFalse(echoed.output().contains("Trap"), echoed.output());
    Files.delete(trap);

    // a secret that belongs to another user is refused, naming the file and the fix
    Command.ok("chown", "root", secrets.resolve("mqtt-password").toString());
    Command refused = Command.run("runuser", "-u", "locolink", "--", "/usr/bin/locolink", "gateway", "--config",
        onSimulator.toString(), "--check");
    assertEquals(2, refused.exitCode(), refused.output());
    assertTrue(refused.output().contains("mqtt.passwordFile: /etc/locolink/secrets/mqtt-password is owned by root,"
        + " not by locolink"), refused.output());

    // an upgrade (the same version again) keeps an edited configuration and the depot key
    Path config = ETC.resolve("locolink.yaml");
    String edited = Files.readString(config).replace("id: KZ-TEM-0001", "id: KZ-TEM-0042");
    Files.writeString(config, edited);
    Command.ok("dpkg", "-i", PACKAGE.deb().toString());
    assertEquals(edited, Files.readString(config));
    assertEquals(keyText, Files.readString(key));

    // /etc/locolink with keys, secrets and configuration, and the journal and trip logs go too
    PACKAGE.purgeLeavesNothing(installed, "locolink", ETC, STATE);
    assertFalse(Command.run("getent", "group", "locolink").exitCode() == 0, "the service user's group goes too");
    assertFalse(Files.exists(Path.of("/usr/share/locolink-gateway")));
    assertFalse(Files.exists(Path.of("/etc/systemd/system/multi-user.target.wants/locolink.service")),
        "the unit's enablement goes with purge");
  }

  /** {@code locolink gateway --check} as the service's user, in its state directory, with these JVM options. */
  private static Command checkAsService(String javaOpts, Path config) throws Exception {
    return Command.run("runuser", "-u", "locolink", "--", "env", "LOCOLINK_JAVA_OPTS=" + javaOpts, "sh", "-c",
        "cd " + STATE + " && exec /usr/bin/locolink gateway --config " + config + " --check");
  }

  private static void assertOwnerAndMode(Path file, String owner, String mode) throws Exception {
    PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class);
    assertEquals(owner, a.owner().getName(), file + " owner");
    assertEquals(mode, PosixFilePermissions.toString(a.permissions()), file + " mode");
  }
}
