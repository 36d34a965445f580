package io.locolink.simulator.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.proto.v1.Status;
import io.locolink.testing.MosquittoBroker;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code demo --broker ssl://...} against a real Mosquitto that demands TLS and a password: the
 * gateway and the live view both get through, each start announces a new random boot id, and the
 * watch command the footer shows gets through as well.
 */
class DemoExternalBrokerTest {

  @Test
  void theDemoPublishesToAnExternalTlsBrokerWithCredentialsUnderAFreshBootIdEachStart(@TempDir Path dir)
      throws Exception {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path ca = selfSignedCaAndServer(dir);
    Path passwd = dir.resolve("mosquitto.passwd");
    Process p = new ProcessBuilder("/usr/bin/mosquitto_passwd", "-b", "-c", passwd.toString(), "demo", "s3cret pass")
        .redirectErrorStream(true).start();
    assertEquals(0, p.waitFor());
    for (String f : List.of("ca.pem", "server.pem", "server.key", "mosquitto.passwd")) {
      Files.setPosixFilePermissions(dir.resolve(f), PosixFilePermissions.fromString("rw-r--r--"));
    }
    Path user = secret(dir, "user", "demo");
    Path password = secret(dir, "password", "s3cret pass");
    try (MosquittoBroker broker = MosquittoBroker.start(List.of("cafile " + ca,
        "certfile " + dir.resolve("server.pem"), "keyfile " + dir.resolve("server.key"),
        "password_file " + passwd, "allow_anonymous false"))) {
      String url = broker.url(true);
      Set<Long> bootIds = ConcurrentHashMap.newKeySet();
      String watchCommand = null;
      MqttClient watcher = new MqttClient(url, "boot-id-watcher", new MemoryPersistence());
      MqttConnectOptions options = new MqttConnectOptions();
      options.setSocketFactory(io.locolink.ground.tools.TrustFiles.socketFactory(ca));
      options.setUserName("demo");
      options.setPassword("s3cret pass".toCharArray());
      watcher.connect(options);
      watcher.subscribe("locolink/v1/+/status", 1, (topic, message) -> {
        Status status = Status.parseFrom(message.getPayload());
        if (status.getHeader().getBootId() != 0) {
          bootIds.add(status.getHeader().getBootId());
        }
      });
      for (int start = 1; start <= 2; start++) {
        DemoCommandTest.Run run = DemoCommandTest.demo("--duration", "3", "--plain", "--broker", url,
            "--broker-ca-file", ca.toString(), "--broker-username-file", user.toString(),
            "--broker-password-file", password.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("216 cells") && run.out().contains("link ONLINE"), run.out());
        assertTrue(run.out().contains("./locolink watch --broker " + url + " --ca-file " + ca), run.out());
        watchCommand = run.out().lines().filter(l -> l.contains("from another terminal:")).findFirst().orElseThrow();
      }
      // The footer's watch command, as a user would paste it, gets through the broker's password check.
      String[] words = watchCommand.substring(watchCommand.indexOf("./locolink watch ")).strip().split(" ");
      List<String> args = new ArrayList<>(List.of(words).subList(1, words.length));
      args.addAll(List.of("--count", "2", "--plain"));
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cli = Main.commandLine();
      cli.setOut(new PrintWriter(out));
      cli.setErr(new PrintWriter(err));
      assertEquals(0, cli.execute(args.toArray(String[]::new)), watchCommand + "\n" + err);
      assertTrue(out.toString().contains("KZ-DEMO-001"), "the retained status reaches watch: " + out);
      watcher.disconnect();
      watcher.close();
      assertEquals(2, bootIds.size(), "one boot id per start: " + bootIds);
      assertTrue(!bootIds.contains(42L), "the boot id is not the seed");
    }
  }

  @Test
  void wrongCredentialsAreReportedNotHidden(@TempDir Path dir) throws Exception {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path passwd = dir.resolve("mosquitto.passwd");
    Process p = new ProcessBuilder("/usr/bin/mosquitto_passwd", "-b", "-c", passwd.toString(), "demo", "right")
        .redirectErrorStream(true).start();
    assertEquals(0, p.waitFor());
    Files.setPosixFilePermissions(passwd, PosixFilePermissions.fromString("rw-r--r--"));
    try (MosquittoBroker broker = MosquittoBroker.start(List.of("password_file " + passwd, "allow_anonymous false"))) {
      DemoCommandTest.Run run = DemoCommandTest.demo("--duration", "2", "--plain", "--broker", broker.url(),
          "--broker-username-file", secret(dir, "user", "demo").toString(),
          "--broker-password-file", secret(dir, "password", "wrong").toString());
      assertEquals(2, run.exit(), run.out());
      assertTrue(run.err().contains("cannot subscribe at " + broker.url()), run.err());
    }
  }

  private static Path secret(Path dir, String name, String content) throws IOException {
    Path f = dir.resolve("secrets").resolve(name);
    Files.createDirectories(f.getParent());
    Files.writeString(f, content + "\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    return f;
  }

  /** A test CA and a server certificate for 127.0.0.1 signed by it, made with openssl; returns the CA. */
  static Path selfSignedCaAndServer(Path dir) throws Exception {
    openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
        "-days", "2", "-subj", "/CN=LocoLink Demo Test CA");
    Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
    openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
        "-subj", "/CN=localhost");
    openssl(dir, "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
        "-out", "server.pem", "-days", "2", "-extfile", "server.ext");
    return dir.resolve("ca.pem");
  }

  private static void openssl(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/openssl"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("openssl " + String.join(" ", args) + " failed: " + out);
    }
  }

}
