package io.locolink.ground.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.ground.GroundCommands;
import io.locolink.ground.testing.Frames;
import io.locolink.testing.MosquittoBroker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code watch} logs in to a broker that refuses anonymous clients, with user name and password files. */
class WatchLoginTest {

  @TempDir
  Path dir;

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = GroundCommands.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private Path secret(String name, String content) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, content + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  @Test
  void watchLogsInWithUserAndPasswordFilesAndRefusesLooseOnes() throws Exception {
    Path passwords = dir.resolve("passwd");
    Files.writeString(passwords, "");
    Process p = new ProcessBuilder("mosquitto_passwd", "-b", passwords.toString(), "engineer", "s3cret-pass")
        .redirectErrorStream(true).start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, new String(p.getInputStream().readAllBytes()));
    Path user = secret("user", "engineer");
    Path password = secret("password", "s3cret-pass");
    Path wrong = secret("wrong", "guess");
    // Started as root, mosquitto would drop to its own user, which cannot read the test's private directory.
    try (MosquittoBroker broker = MosquittoBroker.start(List.of("allow_anonymous false",
        "password_file " + passwords, "user " + System.getProperty("user.name")))) {
      MqttClient publisher = new MqttClient(broker.url(), "test-publisher", new MemoryPersistence());
      MqttConnectOptions o = new MqttConnectOptions();
      o.setUserName("engineer");
      o.setPassword("s3cret-pass".toCharArray());
      publisher.connect(o);
      publisher.publish("locolink/v1/KZ7/telemetry", Frames.telemetry("KZ7", 1, 1, System.currentTimeMillis(),
          new int[] {71234, 71244}, new int[] {100, 100}, 500).toByteArray(), 1, true);
      publisher.disconnect();
      publisher.close();

      Run anonymous = run("watch", "--broker", broker.url(), "--count", "1", "--interval", "1", "--plain");
      assertEquals(2, anonymous.exit(), anonymous.out());
      Run refused = run("watch", "--broker", broker.url(), "--username-file", user.toString(), "--password-file",
          wrong.toString(), "--count", "1", "--interval", "1", "--plain");
      assertEquals(2, refused.exit(), refused.out());
      Run ok = run("watch", "--broker", broker.url(), "--username-file", user.toString(), "--password-file",
          password.toString(), "--count", "1", "--interval", "2", "--plain");
      assertEquals(0, ok.exit(), ok.err());
      assertTrue(ok.out().contains("KZ7"), ok.out());

      Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-r--r--"));
      Run loose = run("watch", "--broker", broker.url(), "--username-file", user.toString(), "--password-file",
          password.toString(), "--count", "1");
      assertEquals(2, loose.exit());
      assertTrue(loose.err().contains("readable by group or others"), loose.err());
    }
  }
}
