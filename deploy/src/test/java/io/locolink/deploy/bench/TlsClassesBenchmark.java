package io.locolink.deploy.bench;

import io.locolink.gateway.config.PemFiles;
import io.locolink.gateway.uplink.TestPki;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * How many classes the gateway's TLS client to the broker loads, and whether the JDK's TLS settings
 * change that: each variant is a JVM of its own that makes the gateway's socket factory
 * ({@link PemFiles#trustingSocketFactory}: the CA file in a PKCS#12 store, PKIX trust), connects to a
 * TLS server on loopback with the host name checked (as the MQTT client does) and completes the
 * handshake; the classes it loaded are counted from {@code -Xlog:class+load}, without a class-data
 * archive so that every class is logged. The first variant connects without TLS, for the classes a
 * plain socket needs.
 *
 * <p>Not a test: a main class, run from the deploy directory on the deploy module's test class path:
 * {@code java -cp ... io.locolink.deploy.bench.TlsClassesBenchmark HOST ["LABEL=JVM OPTIONS" ...]}
 * (HOST {@code localhost} or {@code 127.0.0.1}: the server's certificate names both). Without variants it
 * runs the default, TLS 1.3 only, two key-exchange groups, three signature schemes, and all three.
 */
public final class TlsClassesBenchmark {

  private TlsClassesBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      throw new IllegalArgumentException("arguments: HOST [\"LABEL=JVM OPTIONS\" ...]");
    }
    if (args[0].equals("--client")) {
      client(args[1], Path.of(args[2]), args[3], Integer.parseInt(args[4]));
      return;
    }
    String host = args[0];
    List<String> variants = new ArrayList<>(List.of(args).subList(1, args.length));
    if (variants.isEmpty()) {
      String groups = "-Djdk.tls.namedGroups=x25519,secp256r1";
      String schemes = "-Djdk.tls.client.SignatureSchemes=rsa_pss_rsae_sha256,rsa_pkcs1_sha256,ecdsa_secp256r1_sha256";
      variants.addAll(List.of("default=", "tls13=-Djdk.tls.client.protocols=TLSv1.3", "groups=" + groups,
          "schemes=" + schemes, "all three=-Djdk.tls.client.protocols=TLSv1.3 " + groups + " " + schemes));
    }
    Path work = Files.createTempDirectory("tls-classes-bench");
    TestPki pki = new TestPki(Files.createDirectories(work.resolve("pki")));
    try (SSLServerSocket server = server(pki);
        ServerSocket plain = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread accept = Thread.ofVirtual().start(() -> serve(server));
      Thread acceptPlain = Thread.ofVirtual().start(() -> serve(plain));
      System.out.printf(Locale.ROOT, "plain socket (no TLS): %d classes%n",
          loaded(work, "plain", "", "plain", pki.ca, host, plain.getLocalPort()));
      for (String v : variants) {
        int eq = v.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("a variant is LABEL=JVM OPTIONS, got '" + v + "'");
        }
        String label = v.substring(0, eq);
        System.out.printf(Locale.ROOT, "%s [%s]: %d classes%n", label, v.substring(eq + 1),
            loaded(work, label, v.substring(eq + 1), "tls", pki.ca, host, server.getLocalPort()));
      }
      accept.interrupt();
      acceptPlain.interrupt();
    } finally {
      try (var files = Files.walk(work)) {  // the test CA's and the server's keys among them
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  /** Runs one client JVM and counts the classes it logged as loaded. */
  private static int loaded(Path work, String label, String options, String mode, Path ca, String host, int port)
      throws Exception {
    Path log = work.resolve(label.replace(' ', '-') + ".classes");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xshare:off", "-Xlog:class+load=info:file=" + log));
    for (String o : options.trim().split("\\s+")) {
      if (!o.isEmpty()) {
        cmd.add(o);
      }
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), TlsClassesBenchmark.class.getName(),
        "--client", mode, ca.toString(), host, Integer.toString(port)));
    Process p = new ProcessBuilder(cmd).inheritIO().start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(label + ": the client failed");
    }
    try (var lines = Files.lines(log)) {
      return (int) lines.filter(l -> l.contains("[class,load]")).count();
    }
  }

  /** The client JVM: connects, over TLS as the gateway does (or plain), reads one byte. */
  private static void client(String mode, Path ca, String host, int port) throws Exception {
    Socket s;
    if (mode.equals("tls")) {
      SSLSocket tls = (SSLSocket) PemFiles.trustingSocketFactory("caFile", ca).createSocket(host, port);
      SSLParameters params = tls.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      tls.setSSLParameters(params);
      tls.startHandshake();
      s = tls;
    } else {
      s = new Socket(host, port);
    }
    try (s; InputStream in = s.getInputStream()) {
      if (mode.equals("tls")) {
        System.out.println("  " + ((SSLSocket) s).getSession().getProtocol() + " "
            + ((SSLSocket) s).getSession().getCipherSuite());
      }
      s.getOutputStream().write(1);
      s.getOutputStream().flush();
      in.read();
    }
  }

  /** A TLS server on loopback with the test broker's certificate. */
  private static SSLServerSocket server(TestPki pki) throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    List<Certificate> chain = PemFiles.certificates("serverCert", pki.serverCert);
    keys.setKeyEntry("server", PemFiles.privateKey("serverKey", pki.serverKey, Files.readAllBytes(pki.serverKey)),
        new char[0], chain.toArray(Certificate[]::new));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, new char[0]);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
  }

  /** Answers each connection's byte with the same byte. */
  private static void serve(ServerSocket server) {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        Thread.ofVirtual().start(() -> {
          try (s) {
            int b = s.getInputStream().read();
            s.getOutputStream().write(b < 0 ? 0 : b);
          } catch (Exception e) {
            // the client has gone: nothing to answer
          }
        });
      } catch (Exception e) {
        return;
      }
    }
  }
}
