package io.locolink.gateway.uplink;

import static io.locolink.gateway.uplink.UplinkFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.config.JournalConfig;
import io.locolink.gateway.config.MqttConfig;
import io.locolink.gateway.journal.Journal;
import io.locolink.gateway.framing.StreamKind;
import io.locolink.testing.MosquittoBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The uplink against Mosquitto with TLS (test CA made here), client certificates and passwords:
 * the right material works; a wrong CA or bad credentials give a clear error and keep the data.
 */
class TlsBrokerTest {

  static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir static Path pkiDir;
  static TestPki pki;
  static MosquittoBroker broker;
  static Path user;
  static Path password;
  static Path wrongPassword;

  @BeforeAll
  static void startBroker() throws Exception {
    Files.setPosixFilePermissions(pkiDir, PosixFilePermissions.fromString("rwxr-xr-x"));
    pki = new TestPki(pkiDir);
    Path passwd = pkiDir.resolve("mosquitto.passwd");
    Process p = new ProcessBuilder("/usr/bin/mosquitto_passwd", "-b", "-c", passwd.toString(), "loco-T1", "correct horse")
        .redirectErrorStream(true).start();
    assertEquals(0, p.waitFor());
    try (var files = Files.list(pkiDir)) {
      for (Path f : files.toList()) {
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
      }
    }
    Files.setPosixFilePermissions(pki.clientKey, PosixFilePermissions.fromString("rw-------"));
    user = secret("user", "loco-T1");
    password = secret("password", "correct horse");
    wrongPassword = secret("wrong-password", "battery staple");
    broker = MosquittoBroker.start(List.of(
        "cafile " + pki.ca, "certfile " + pki.serverCert, "keyfile " + pki.serverKey,
        "require_certificate true", "password_file " + passwd, "allow_anonymous false"));
  }

  static Path secret(String name, String content) throws Exception {
    Path f = pkiDir.resolve("secrets").resolve(name);
    Files.createDirectories(f.getParent());
    Files.writeString(f, content + "\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    return f;
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.stop();
    }
  }

  static MqttConfig tls(Path ca, Path passwordFile) {
    return new MqttConfig(broker.url(true), ca, pki.clientCert, pki.clientKey, user, passwordFile, 1, 16, 1_000_000L,
        new MqttConfig.Reconnect(100, 400), 5, 3, 60, false);
  }

  record Run(Journal journal, Uplink uplink, List<LinkEvent> events) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      uplink.close();
      journal.close();
    }
  }

  static Run run(Path dir, MqttConfig cfg) throws Exception {
    Journal j = Journal.open(dir, JournalConfig.defaults(), InstantSource.system());
    for (int i = 0; i < 10; i++) {
      long s = j.nextSequence();
      j.append(StreamKind.ENERGY, s, Synthetic.message(StreamKind.ENERGY, "T1", 5, s, 0, 0));
    }
    Uplink up = Uplinks.mqtt(cfg, "T1", j, ProtoStatusEncoder.of("T1", 5), InstantSource.system(),
        new SplittableRandom(11));
    List<LinkEvent> events = new CopyOnWriteArrayList<>();
    up.addLinkListener(events::add);
    up.start();
    return new Run(j, up, events);
  }

  @Test
  void rightCaClientCertificateAndPasswordDeliverEverything(@TempDir Path dir) throws Exception {
    try (Run r = run(dir, tls(pki.ca, password))) {
      await("journal drained over TLS", WAIT, () -> r.journal().stats().queueDepthRecords() == 0);
      assertEquals(io.locolink.gateway.uplink.LinkState.ONLINE, r.uplink().link().state());
    }
    // and the broker holds the retained status, readable by a ground client over TLS
    MqttClient ground = new MqttClient(broker.url(true), "ground-tls", new MemoryPersistence());
    MqttConnectOptions o = new MqttConnectOptions();
    o.setSocketFactory(TlsSocketFactories.create(tls(pki.ca, password)));
    o.setUserName("loco-T1");
    o.setPassword("correct horse".toCharArray());
    List<String> topics = new CopyOnWriteArrayList<>();
    ground.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
      @Override
      public void connectionLost(Throwable cause) {}

      @Override
      public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage m) {
        topics.add(topic);
      }

      @Override
      public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken t) {}
    });
    ground.connect(o);
    ground.subscribe("locolink/v1/T1/status", 1);
    await("retained status over TLS", WAIT, () -> topics.contains("locolink/v1/T1/status"));
    ground.disconnect();
    ground.close();
  }

  @Test
  void wrongCaIsRefusedWithAClearErrorAndTheDataStays(@TempDir Path dir) throws Exception {
    try (Run r = run(dir, tls(pki.otherCa, password))) {
      await("TLS refusal reported", WAIT, () -> r.events().stream().anyMatch(e -> e.fault().isPresent()));
      LinkEvent e = r.events().stream().filter(ev -> ev.fault().isPresent()).findFirst().orElseThrow();
      assertEquals(Optional.of(LinkFault.TLS_REJECTED), e.fault());
      assertTrue(e.detail().contains("caFile") && e.detail().contains(pki.otherCa.toString()), e.detail());
      assertEquals(10, r.journal().stats().queueDepthRecords(), "nothing left the journal");
    }
  }

  @Test
  void badPasswordIsRefusedWithAClearErrorAndTheDataStays(@TempDir Path dir) throws Exception {
    try (Run r = run(dir, tls(pki.ca, wrongPassword))) {
      await("refusal reported", WAIT, () -> r.events().stream().anyMatch(e -> e.fault().isPresent()));
      LinkEvent e = r.events().stream().filter(ev -> ev.fault().isPresent()).findFirst().orElseThrow();
      assertEquals(Optional.of(LinkFault.AUTH_REFUSED), e.fault(), e.detail());
      assertTrue(e.detail().contains("passwordFile"), e.detail());
      assertTrue(!e.detail().contains("battery staple"), "the password is never in a message");
      assertEquals(10, r.journal().stats().queueDepthRecords(), "nothing left the journal");
    }
  }

  @Test
  void brokerCertificateForAnotherHostIsRefused(@TempDir Path dir) throws Exception {
    try (MosquittoBroker elsewhere = MosquittoBroker.start(List.of(
        "cafile " + pki.ca, "certfile " + pki.elsewhereCert, "keyfile " + pki.elsewhereKey))) {
      MqttConfig cfg = new MqttConfig(elsewhere.url(true), pki.ca, null, null, null, null, 1, 16, 1_000_000L,
          new MqttConfig.Reconnect(100, 400), 5, 3, 60, false);
      try (Run r = run(dir, cfg)) {
        await("refusal reported", WAIT, () -> r.events().stream().anyMatch(e -> e.fault().isPresent()));
        LinkEvent e = r.events().stream().filter(ev -> ev.fault().isPresent()).findFirst().orElseThrow();
        assertEquals(Optional.of(LinkFault.TLS_REJECTED), e.fault(), e.detail());
        assertEquals(10, r.journal().stats().queueDepthRecords());
      }
    }
  }

  @Test
  void tlsPeerClosingRightAfterTheHandshakeLeavesNoThreadsBehind(@TempDir Path dir) throws Exception {
    java.util.Set<Thread> before = java.util.Set.copyOf(Thread.getAllStackTraces().keySet());
    Path key = dir.resolve("server-key.pem");
    Files.copy(pki.serverKey, key);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    java.security.cert.Certificate cert;
    try (var in = Files.newInputStream(pki.serverCert)) {
      cert = java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    ks.setKeyEntry("server", TlsSocketFactories.privateKey(key), new char[0], new java.security.cert.Certificate[] {cert});
    javax.net.ssl.KeyManagerFactory kmf =
        javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, new char[0]);
    javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    try (javax.net.ssl.SSLServerSocket server = (javax.net.ssl.SSLServerSocket) ctx.getServerSocketFactory()
        .createServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        while (!server.isClosed()) {
          try (javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) server.accept()) {
            s.startHandshake();
          } catch (java.io.IOException e) {
            // handshake failed or server closed: next
          }
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      MqttConfig cfg = new MqttConfig("ssl://127.0.0.1:" + server.getLocalPort(), pki.ca, null, null, null, null, 1, 16,
          1_000_000L, new MqttConfig.Reconnect(10, 40), 5, 3, 60, false);
      Run r = run(dir.resolve("j"), cfg);
      await("4 failed attempts", WAIT, () -> r.events().stream()
          .filter(e -> e.state() == io.locolink.gateway.uplink.LinkState.OFFLINE).count() >= 4);
      r.close();
      PahoUplinkBrokerTest.awaitThreadsEnded(before);
      assertEquals(10, r.journal().stats().queueDepthRecords());
    }
  }
}
