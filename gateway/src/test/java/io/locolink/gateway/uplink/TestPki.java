package io.locolink.gateway.uplink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test certificates made with the openssl command line: two CAs, a broker and a client certificate.
 * Public for the deploy module's benchmark harness, which runs its broker with the same material.
 */
public final class TestPki {

  public final Path dir;
  public final Path ca;
  public final Path otherCa;
  public final Path serverCert;
  public final Path serverKey;
  public final Path clientCert;
  public final Path clientKey;
  public final Path elsewhereCert;
  public final Path elsewhereKey;

  /** Makes every certificate and key in {@code dir} (an existing directory); blocks until openssl is done. */
  public TestPki(Path dir) throws Exception {
    this.dir = dir;
    ca = caPair("ca", "LocoLink Test CA");
    otherCa = caPair("other-ca", "Somebody Else's CA");
    serverKey = dir.resolve("server.key");
    serverCert = dir.resolve("server.pem");
    Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
    issue("server", "localhost", List.of("-extfile", dir.resolve("server.ext").toString()));
    clientKey = dir.resolve("client.key");
    clientCert = dir.resolve("client.pem");
    issue("client", "T1", List.of());
    Files.writeString(dir.resolve("elsewhere.ext"), "subjectAltName=DNS:elsewhere.example\n");
    elsewhereKey = dir.resolve("elsewhere.key");
    elsewhereCert = dir.resolve("elsewhere.pem");
    issue("elsewhere", "elsewhere.example", List.of("-extfile", dir.resolve("elsewhere.ext").toString()));
  }

  private Path caPair(String name, String cn) throws Exception {
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir.resolve(name + ".key").toString(),
        "-out", dir.resolve(name + ".pem").toString(), "-days", "2", "-subj", "/CN=" + cn);
    return dir.resolve(name + ".pem");
  }

  private void issue(String name, String cn, List<String> extra) throws Exception {
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", dir.resolve(name + ".key").toString(),
        "-out", dir.resolve(name + ".csr").toString(), "-subj", "/CN=" + cn);
    List<String> sign = new ArrayList<>(List.of("x509", "-req", "-in", dir.resolve(name + ".csr").toString(),
        "-CA", ca.toString(), "-CAkey", dir.resolve("ca.key").toString(), "-CAcreateserial",
        "-out", dir.resolve(name + ".pem").toString(), "-days", "2"));
    sign.addAll(extra);
    openssl(sign.toArray(String[]::new));
  }

  private void openssl(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add("/usr/bin/openssl");
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("openssl " + String.join(" ", args) + " failed: " + out);
    }
  }
}
