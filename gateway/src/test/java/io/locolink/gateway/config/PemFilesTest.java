package io.locolink.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one PEM loader against files the openssl command line writes. */
class PemFilesTest {

  @TempDir Path dir;

  @Test
  void readsPkcs8KeysOfEveryAlgorithmOpensslWrites() throws Exception {
    openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ec.key");
    openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "rsa.key");
    openssl("genpkey", "-algorithm", "ed25519", "-out", "ed.key");
    assertEquals("EC", key("ec.key").getAlgorithm());
    assertEquals("RSA", key("rsa.key").getAlgorithm());
    assertTrue(List.of("Ed25519", "EdDSA").contains(key("ed.key").getAlgorithm()), key("ed.key").getAlgorithm());
  }

  @Test
  void aTraditionalKeyIsRefusedWithTheConversion() throws Exception {
    openssl("genrsa", "-traditional", "-out", "old.key", "2048");
    assertTrue(Files.readString(dir.resolve("old.key")).contains("BEGIN RSA PRIVATE KEY"));
    ConfigException e = assertThrows(ConfigException.class, () -> key("old.key"));
    assertEquals("clientKeyFile", e.key());
    assertTrue(e.getMessage().contains("openssl pkcs8 -topk8 -nocrypt"), e.getMessage());
  }

  @Test
  void certificatesInFileOrderAndAnEmptyFileRefused() throws Exception {
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "a.key",
        "-out", "a.pem", "-days", "2", "-subj", "/CN=first");
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "b.key",
        "-out", "b.pem", "-days", "2", "-subj", "/CN=second");
    Path both = dir.resolve("both.pem");
    Files.writeString(both, Files.readString(dir.resolve("a.pem")) + Files.readString(dir.resolve("b.pem")));
    List<java.security.cert.Certificate> certs = PemFiles.certificates("caFile", both);
    assertEquals(2, certs.size());
    assertEquals("CN=first", ((X509Certificate) certs.get(0)).getSubjectX500Principal().getName());
    assertEquals("CN=second", ((X509Certificate) certs.get(1)).getSubjectX500Principal().getName());
    Path empty = Files.writeString(dir.resolve("empty.pem"), "");
    ConfigException e = assertThrows(ConfigException.class, () -> PemFiles.certificates("caFile", empty));
    assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
  }

  private java.security.PrivateKey key(String name) throws IOException {
    Path file = dir.resolve(name);
    return PemFiles.privateKey("clientKeyFile", file, Files.readAllBytes(file));
  }

  private void openssl(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/openssl"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "openssl " + String.join(" ", args) + ": " + out);
  }
}
