package io.locolink.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker examples in deploy/mosquitto, run by a real Mosquitto with only paths, ports and host
 * names replaced: TLS and passwords, a gateway confined to its own topics, the ground user reading
 * the fleet, and a regional broker bridging a locomotive's messages to the central one.
 */
class BrokerExamplesTest {

  @TempDir
  Path dir;

  private final List<Process> brokers = new ArrayList<>();
  private final List<MqttClient> clients = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (MqttClient c : clients) {
      if (c.isConnected()) {
        c.disconnectForcibly(1000);
      }
      c.close();
    }
    brokers.forEach(Process::destroy);
  }

  @Test
  void gatewaysWriteOnlyTheirOwnTopicsAndTheGroundReadsThemCentrallyAndThroughTheBridge() throws Exception {
    String openssl = Command.tool("/usr/bin/openssl", "openssl");
    Command.ok(openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-keyout", dir.resolve("ca.key").toString(), "-out", dir.resolve("locolink-ca.pem").toString(), "-days", "2",
        "-subj", "/CN=LocoLink Fleet CA");
    for (String broker : List.of("broker", "regional-broker")) {
      Command.ok(openssl, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
          dir.resolve(broker + ".key").toString(), "-out", dir.resolve(broker + ".csr").toString(), "-subj", "/CN=localhost");
      Files.writeString(dir.resolve("san.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
      Command.ok(openssl, "x509", "-req", "-in", dir.resolve(broker + ".csr").toString(), "-CA",
          dir.resolve("locolink-ca.pem").toString(), "-CAkey", dir.resolve("ca.key").toString(), "-CAcreateserial",
          "-out", dir.resolve(broker + ".pem").toString(), "-days", "2", "-extfile", dir.resolve("san.ext").toString());
    }
    Path passwd = dir.resolve("locolink.passwd");
    String mosquittoPasswd = Command.tool("/usr/bin/mosquitto_passwd", "mosquitto");
    Command.ok(mosquittoPasswd, "-c", "-b", passwd.toString(), "KZ-TEM-0001", "loco-one-secret");
    Command.ok(mosquittoPasswd, "-b", passwd.toString(), "ground", "ground-secret");
    Command.ok(mosquittoPasswd, "-b", passwd.toString(), "region-almaty", "region-secret");
    Files.copy(Path.of("mosquitto/locolink.acl"), dir.resolve("locolink.acl"));

    int central = freePort();
    int regional = freePort();
    start("locolink.conf", central, regional);
    start("regional-bridge.conf", regional, central);

    BlockingQueue<String> atCentral = new LinkedBlockingQueue<>();
    MqttClient ground = connect(central, "ground", "ground-secret");
    ground.subscribe("locolink/v1/+/+", 1, (topic, m) -> atCentral.add(topic + " " + new String(m.getPayload(),
        StandardCharsets.UTF_8)));

    // a gateway on the central broker: its own topic arrives, another locomotive's does not
    MqttClient loco = connect(central, "KZ-TEM-0001", "loco-one-secret");
    loco.publish("locolink/v1/KZ-TEM-0002/telemetry", "forged".getBytes(StandardCharsets.UTF_8), 1, false);
    loco.publish("locolink/v1/KZ-TEM-0001/telemetry", "direct".getBytes(StandardCharsets.UTF_8), 1, false);
    assertEquals("locolink/v1/KZ-TEM-0001/telemetry direct", atCentral.poll(20, TimeUnit.SECONDS));

    // the same locomotive on the regional broker: forwarded over the bridge
    MqttClient viaRegion = connect(regional, "KZ-TEM-0001", "loco-one-secret");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String bridged = null;
    while (bridged == null && System.nanoTime() < deadline) {
      // the bridge connects in the background: publish until its first message arrives
      viaRegion.publish("locolink/v1/KZ-TEM-0001/energy", "bridged".getBytes(StandardCharsets.UTF_8), 1, false);
      bridged = atCentral.poll(1, TimeUnit.SECONDS);
    }
    assertEquals("locolink/v1/KZ-TEM-0001/energy bridged", bridged);
    atCentral.clear();
    viaRegion.publish("locolink/v1/KZ-TEM-0003/energy", "forged".getBytes(StandardCharsets.UTF_8), 1, false);
    viaRegion.publish("locolink/v1/KZ-TEM-0001/alarm", "after".getBytes(StandardCharsets.UTF_8), 1, false);
    String next = atCentral.poll(20, TimeUnit.SECONDS);
    assertNotNull(next);
    assertEquals("locolink/v1/KZ-TEM-0001/alarm after", next.startsWith("locolink/v1/KZ-TEM-0001/energy")
        ? atCentral.poll(20, TimeUnit.SECONDS) : next);
    assertNull(atCentral.stream().filter(s -> s.contains("forged")).findAny().orElse(null));
    assertArrayEquals(new String[0], atCentral.stream().filter(s -> s.contains("KZ-TEM-0002")
        || s.contains("KZ-TEM-0003")).toArray(String[]::new));
  }

  private void start(String example, int port, int otherPort) throws Exception {
    String conf = Files.readString(Path.of("mosquitto", example))
        .replace("listener 8883", "listener " + port + " 127.0.0.1")
        .replace("/etc/mosquitto/certs/", dir + "/")
        .replace("/etc/mosquitto/", dir + "/")
        .replace("address central.example:8883", "address 127.0.0.1:" + otherPort)
        .replace("remote_password CHANGE-ME", "remote_password region-secret")
        .replace("persistence true", "persistence false");
    Path file = dir.resolve(example);
    // started as root (CI), Mosquitto would switch to user mosquitto, which cannot read this test's files
    Files.writeString(file, (Command.root() ? "user root\n" : "") + conf);
    Process p = new ProcessBuilder(Command.tool("/usr/sbin/mosquitto", "mosquitto"), "-c", file.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve(example + ".log").toFile()).start();
    brokers.add(p);
  }

  private MqttClient connect(int port, String user, String password) throws Exception {
    MqttConnectOptions options = new MqttConnectOptions();
    options.setUserName(user);
    options.setPassword(password.toCharArray());
    options.setSocketFactory(trustingFleetCa().getSocketFactory());
    options.setCleanSession(true);
    MqttClient client = new MqttClient("ssl://localhost:" + port, user + "-" + port, new MemoryPersistence());
    clients.add(client);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      try {
        client.connect(options);
        return client;
      } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("cannot log in as " + user + ": " + e + "\n"
              + Files.readString(dir.resolve("locolink.conf.log")) + Files.readString(dir.resolve("regional-bridge.conf.log")),
              e);
        }
        Thread.sleep(100);  // the broker is still binding its port
      }
    }
  }

  private SSLContext trustingFleetCa() throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(dir.resolve("locolink-ca.pem"))) {
      Certificate ca = CertificateFactory.getInstance("X.509").generateCertificate(in);
      trust.setCertificateEntry("ca", ca);
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
