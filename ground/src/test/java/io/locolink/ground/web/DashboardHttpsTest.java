package io.locolink.ground.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard given a PEM certificate and key (a self-signed pair made by {@code openssl} for
 * this test) speaks only HTTPS on the station's port: a client trusting that certificate logs in
 * and gets a {@code Secure} session cookie, a client that does not trust it is refused in the
 * handshake, and a plain-HTTP request gets no page. Without a certificate, the dashboard refuses
 * to listen beyond loopback.
 */
class DashboardHttpsTest {

  static final String PASSWORD = "a password for https";

  @TempDir
  static Path dir;

  static DashboardStation web;
  static Path certFile;
  static int port;

  @BeforeAll
  static void start() throws Exception {
    certFile = dir.resolve("web.pem");
    Path keyFile = dir.resolve("web.key");
    Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
        "ec_paramgen_curve:P-256", "-nodes", "-keyout", keyFile.toString(), "-out", certFile.toString(), "-days", "2",
        "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1").redirectErrorStream(true).start();
    String said = new String(openssl.getInputStream().readAllBytes());
    assertTrue(openssl.waitFor(60, TimeUnit.SECONDS) && openssl.exitValue() == 0, "openssl: " + said);
    assertTrue(Files.readString(keyFile).contains("-----BEGIN PRIVATE KEY-----"), "openssl 3 writes PKCS#8");

    port = freePort();
    web = DashboardStation.start(dir, new Dashboard.Settings("127.0.0.1", port, certFile, keyFile), port,
        UnaryOperator.identity());
    web.users().add("erin", Role.ENGINEER, PASSWORD.toCharArray(), false);
  }

  @AfterAll
  static void stop() {
    if (web != null) {
      web.close();
    }
  }

  @Test
  void withACertificateTheDashboardSpeaksOnlyHttps() throws Exception {
    assertEquals("https://127.0.0.1:" + port + "/", web.dashboard.url(web.station.httpPort()));
    HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(certFile)).cookieHandler(new java.net.CookieManager())
        .connectTimeout(Duration.ofSeconds(30)).build();
    HttpResponse<String> page = trusting.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/login"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("id=\"login-form\""), page.body());
    HttpResponse<String> login = trusting.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port
        + "/auth/login")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"erin\",\"password\":\"" + PASSWORD + "\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, login.statusCode(), login.body());
    String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    assertTrue(cookie.contains("; Secure") && cookie.contains("HttpOnly"), "a session cookie for HTTPS only: " + cookie);
    HttpResponse<String> fleet = trusting.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port
        + "/api/v1/fleet")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, fleet.statusCode(), fleet.body());

    HttpClient defaultTrust = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    assertThrows(SSLHandshakeException.class, () -> defaultTrust.send(HttpRequest.newBuilder(
        URI.create("https://127.0.0.1:" + port + "/login")).build(), HttpResponse.BodyHandlers.ofString()),
        "a self-signed certificate is not trusted by default");

    HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    HttpResponse<String> overPlain;
    try {
      overPlain = plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
          .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException refused) {
      return;  // the TLS connector drops a plain request: no page
    }
    assertTrue(overPlain.statusCode() == 400 && !overPlain.body().contains("login-form"),
        "plain HTTP gets no page: " + overPlain.statusCode() + " " + overPlain.body());
  }

  @Test
  void withoutACertificateOnlyLoopbackIsServed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Dashboard.Settings("0.0.0.0", 8443, null, null));
    assertTrue(e.getMessage().contains("plain HTTP is served only on loopback"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Dashboard.Settings("127.0.0.1", 8443, certFile, null));
  }

  static SSLContext trusting(Path pem) throws Exception {
    Certificate cert = CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem)));
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("dashboard", cert);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
