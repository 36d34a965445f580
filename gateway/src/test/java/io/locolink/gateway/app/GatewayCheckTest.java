package io.locolink.gateway.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code locolink gateway --check} reads every file the configuration names, as the service will. */
class GatewayCheckTest {

  @TempDir
  Path dir;

  private Path ca;
  private Path password;
  private Path psk;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void installation() throws Exception {
    ca = dir.resolve("broker-ca.pem");
    Process openssl = new ProcessBuilder("/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
        "ec_paramgen_curve:P-256", "-nodes", "-keyout", dir.resolve("ca.key").toString(), "-out", ca.toString(),
        "-days", "2", "-subj", "/CN=LocoLink Test CA").redirectErrorStream(true).start();
    String said = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(openssl.waitFor(60, TimeUnit.SECONDS) && openssl.exitValue() == 0, said);
    Files.setPosixFilePermissions(ca, PosixFilePermissions.fromString("rw-r--r--"));
    secret("mqtt-username", "KZ-TEM-0001\n");
    password = secret("mqtt-password", "correct horse battery staple\n");
    psk = secret("depot-psk", "depot-almaty:0123456789abcdefghijklmn\n");
  }

  @Test
  void aCompleteInstallationPasses() throws IOException {
    assertEquals(0, check(config("simulator")), err.toString());
    assertTrue(out.toString().contains("ok    depot.pskFile " + psk + ": 1 identities"), out.toString());
    assertTrue(out.toString().contains("credentials and TLS files read"), out.toString());
    assertTrue(out.toString().contains("configuration OK: locomotive KZ-TEM-0001"), out.toString());
  }

  @Test
  void aGroupWritableSecretIsRefused() throws IOException {
    Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw--w----"));
    assertEquals(2, check(config("simulator")));
    assertTrue(err.toString().contains("mqtt.passwordFile: " + password + " is writable by group or others"),
        err.toString());
  }

  @Test
  void aWorldWritableCaIsRefused() throws IOException {
    Files.setPosixFilePermissions(ca, PosixFilePermissions.fromString("rw-r--rw-"));
    assertEquals(2, check(config("simulator")));
    assertTrue(err.toString().contains("mqtt.caFile: " + ca + " is writable by group or others"), err.toString());
  }

  @Test
  void aCaThatIsNoCertificateIsRefused() throws IOException {
    Files.writeString(ca, "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
    assertEquals(2, check(config("simulator")));
    assertTrue(err.toString().contains("FAIL  mqtt.caFile"), err.toString());
  }

  @Test
  void everyMissingFileIsListedNotOnlyTheFirst() throws IOException {
    Files.delete(psk);
    Files.delete(password);
    assertEquals(2, check(config("simulator")));
    assertTrue(err.toString().contains("depot.pskFile: " + psk + " does not exist"), err.toString());
    assertTrue(err.toString().contains("mqtt.passwordFile: " + password + " does not exist"), err.toString());
    assertTrue(err.toString().contains("2 problems"), err.toString());
  }

  @Test
  void onARaspberryPiEveryDeviceNodeIsChecked() throws IOException {
    Path config = config("raspberrypi");
    int code = check(config);
    // this test machine is no Raspberry Pi: the first I2C adapter of the reference wiring is absent
    if (!Files.exists(Path.of("/dev/i2c-1"))) {
      assertEquals(2, code);
      assertTrue(err.toString().contains("/dev/i2c-1 does not exist"), err.toString());
    }
    assertTrue((out.toString() + err.toString()).contains("/dev/spidev0.0"), out + "\n" + err);
    assertTrue((out.toString() + err.toString()).contains("/dev/ttyAMA2"), out + "\n" + err);
  }

  private Path secret(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  private Path config(String platform) throws IOException {
    Path file = dir.resolve("locolink.yaml");
    Files.writeString(file, "locomotive: {id: KZ-TEM-0001, kind: BATTERY}\n"
        + "platform: " + platform + "\n"
        + "stateDir: " + dir.resolve("state") + "\n"
        + "mqtt:\n"
        + "  url: ssl://telemetry.example:8883\n"
        + "  caFile: " + ca + "\n"
        + "  usernameFile: " + dir.resolve("mqtt-username") + "\n"
        + "  passwordFile: " + password + "\n"
        + "depot: {pskFile: " + psk + "}\n");
    return file;
  }

  private int check(Path config) {
    CommandLine cli = LocoLinkCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute("gateway", "--config", config.toString(), "--check");
  }
}
