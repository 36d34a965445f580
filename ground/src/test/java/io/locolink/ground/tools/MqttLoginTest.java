package io.locolink.ground.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A ground client's TLS login from PEM files the openssl command line writes. */
class MqttLoginTest {

  @TempDir Path dir;

  @Test
  void aCaAndAClientCertificateWithItsKeyMakeATlsLogin() throws Exception {
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key",
        "-out", "ca.pem", "-days", "2", "-subj", "/CN=Test CA");
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
        "client.key", "-out", "client.pem", "-days", "2", "-subj", "/CN=ground");
    Path key = dir.resolve("client.key");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    MqttLogin login = MqttLogin.of(dir.resolve("ca.pem"), dir.resolve("client.pem"), key, null, null);
    assertNotNull(login.socketFactory());

    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));
    IllegalArgumentException readable = assertThrows(IllegalArgumentException.class,
        () -> MqttLogin.of(dir.resolve("ca.pem"), dir.resolve("client.pem"), key, null, null));
    assertTrue(readable.getMessage().contains("chmod 600"), readable.getMessage());
  }

  @Test
  void aKeyThatIsNotPkcs8AndACaFileWithoutCertificatesAreRefusedNamingTheFile() throws Exception {
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "unused.key", "-out", "client.pem",
        "-days", "2", "-subj", "/CN=ground");
    openssl("genrsa", "-traditional", "-out", "old.key", "2048");
    Path old = dir.resolve("old.key");
    Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-------"));
    IllegalArgumentException notPkcs8 = assertThrows(IllegalArgumentException.class,
        () -> MqttLogin.of(null, dir.resolve("client.pem"), old, null, null));
    assertTrue(notPkcs8.getMessage().contains(old.toString())
        && notPkcs8.getMessage().contains("openssl pkcs8"), notPkcs8.getMessage());

    Path noCa = Files.writeString(dir.resolve("no-ca.pem"), "not a certificate\n");
    IllegalArgumentException noCertificate = assertThrows(IllegalArgumentException.class,
        () -> MqttLogin.of(noCa, null, null, null, null));
    assertTrue(noCertificate.getMessage().contains(noCa.toString()), noCertificate.getMessage());
  }

  @Test
  void aMissingUserNameOrPasswordFileIsNamedAsMissing() {
    Path user = dir.resolve("no-user");
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> MqttLogin.of(null, null, null, user, dir.resolve("no-password")));
    assertEquals("secret file " + user + " does not exist", missing.getMessage());
  }

  private void openssl(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/openssl"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "openssl " + String.join(" ", args) + ": " + out);
  }
}
