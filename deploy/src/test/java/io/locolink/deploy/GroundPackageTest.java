package io.locolink.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.systemd.NotifyListener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The locolink-ground package installed on this machine: lintian, dpkg -i, the installed station
 * started as its service user with the installed configuration pointed at a real PostgreSQL and a
 * real Mosquitto started here, its health check answering, and nothing left after purge.
 */
class GroundPackageTest {

  @RegisterExtension
  static final PackageUnderTest PACKAGE = new PackageUnderTest("locolink-ground", "locolink-ground_all.deb");
  private static final String USER = "locolink-ground";
  private static final Path ETC = Path.of("/etc/locolink-ground");
  private static final Path STATE = Path.of("/var/lib/locolink-ground");

  @TempDir
  static Path work;

  @Test
  void installStartAnswerHealthPurge() throws Exception {
    List<Path> installed = PACKAGE.install(work);
    assertTrue(Packages.userExists(USER));
    String analyze = Command.tool("/usr/bin/systemd-analyze", "systemd");
    Command verify = Command.run(analyze, "verify", "/lib/systemd/system/locolink-ground.service");
    assertEquals(0, verify.exitCode(), verify.output());
    UnitAndOverlayTest.assertExposureAtMost2("/lib/systemd/system/locolink-ground.service");

    // A PostgreSQL server and a broker, as the configuration's comments ask for.
    Path pgBin = postgresBin();
    Path data = STATE.resolve("test-postgres");
    int pgPort = freePort();
    Command.ok("runuser", "-u", USER, "--", pgBin.resolve("initdb").toString(), "-D", data.toString(),
        "-U", "locolink", "--auth=trust", "-E", "UTF8");
    Command.ok("runuser", "-u", USER, "--", pgBin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w",
        "-l", data.resolve("server.log").toString(), "-o",
        "-p " + pgPort + " -c listen_addresses=127.0.0.1 -k " + data, "start");
    Process broker = null;
    Process station = null;
    NotifyListener notify = null;
    try {
      Command.ok("runuser", "-u", USER, "--", pgBin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p",
          Integer.toString(pgPort), "-U", "locolink", "-O", "locolink", "locolink");
      int mqttPort = freePort();
      Path brokerConf = work.resolve("mosquitto.conf");
      Files.writeString(brokerConf, "listener " + mqttPort + " 127.0.0.1\nallow_anonymous true\n");
      broker = new ProcessBuilder(Command.tool("/usr/sbin/mosquitto", "mosquitto"), "-c", brokerConf.toString())
          .redirectErrorStream(true).redirectOutput(work.resolve("mosquitto.log").toFile()).start();

      Path secrets = ETC.resolve("secrets");
      Path dbPassword = secrets.resolve("db-password");
      Files.writeString(dbPassword, "unused with trust authentication\n");
      Command.ok("chown", USER + ":" + USER, dbPassword.toString());
      Command.ok("chmod", "600", dbPassword.toString());
      int httpPort = freePort();
      Path config = STATE.resolve("test-ground.yaml");
      Files.writeString(config, Files.readString(ETC.resolve("ground.yaml"))
          .replace("tcp://127.0.0.1:1883", "tcp://127.0.0.1:" + mqttPort)
          .replace("127.0.0.1:5432", "127.0.0.1:" + pgPort)
          .replace("port: 8080", "port: " + httpPort));
      // systemd's notify socket and watchdog as the unit asks for them, with a 4 s timeout: a ping a second.
      // An abstract socket, so the service user can reach the one this test (root) binds.
      notify = new NotifyListener(Path.of("@locolink-ground-test-" + ProcessHandle.current().pid()),
          Duration.ofSeconds(20));
      ProcessBuilder service = new ProcessBuilder("runuser", "-u", USER, "--", "/usr/bin/locolink-ground", "ground",
          "--config", config.toString()).redirectErrorStream(true);
      service.environment().put("NOTIFY_SOCKET", notify.path().toString());
      service.environment().put("WATCHDOG_USEC", "4000000");
      station = service.start();
      String running = awaitLine(station, "ground station running:", Duration.ofMinutes(3));
      assertTrue(running.contains("http://127.0.0.1:" + httpPort), running);
      String ready = notify.receive();
      assertTrue(ready.startsWith("READY=1\n") && ready.contains("http://127.0.0.1:" + httpPort), ready);
      assertEquals("WATCHDOG=1", notify.receive());
      assertEquals("WATCHDOG=1", notify.receive());

      HttpClient http = HttpClient.newHttpClient();
      String health = "";
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!health.contains("\"status\":\"ok\"") && System.nanoTime() < deadline) {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + httpPort + "/api/v1/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        health = r.body();
        if (!health.contains("\"status\":\"ok\"")) {
          Thread.sleep(200);  // the MQTT session comes up after the HTTP server: poll the station's own report
        }
      }
      assertTrue(health.contains("\"database\":\"up\"") && health.contains("\"broker\":\"connected\""), health);

      // The database gone: the liveness check fails and the pings stop (systemd would restart the station
      // after WatchdogSec); a 3 s silence is three missed pings. Back: the pings resume.
      Command.ok("runuser", "-u", USER, "--", pgBin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w",
          "-m", "fast", "stop");
      assertTrue(silenceWithin(notify, Duration.ofSeconds(3), Duration.ofSeconds(60)),
          "the station kept pinging the watchdog with its database stopped");
      Command.ok("runuser", "-u", USER, "--", pgBin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w",
          "-l", data.resolve("server.log").toString(), "-o",
          "-p " + pgPort + " -c listen_addresses=127.0.0.1 -k " + data, "start");
      assertEquals("WATCHDOG=1", notify.receive());
    } finally {
      if (notify != null) {
        notify.close();
      }
      if (station != null) {
        station.destroy();
        station.waitFor(30, TimeUnit.SECONDS);
        station.destroyForcibly();
      }
      if (broker != null) {
        broker.destroy();
      }
      Command.run("runuser", "-u", USER, "--", pgBin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w",
          "-m", "fast", "stop");
    }

    PACKAGE.purgeLeavesNothing(installed, USER, ETC, STATE);
    assertFalse(Files.exists(Path.of("/etc/systemd/system/multi-user.target.wants/locolink-ground.service")));
  }

  /**
   * Reads notifications until none arrives for {@code gap}; false if that takes longer than {@code within}.
   * Each notification read must be a watchdog ping.
   */
  private static boolean silenceWithin(NotifyListener notify, Duration gap, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      long before = System.nanoTime();
      java.util.Optional<String> next = notify.poll();
      if (next.isEmpty() || System.nanoTime() - before >= gap.toNanos()) {
        return true;
      }
      assertEquals("WATCHDOG=1", next.get());
    }
    return false;
  }

  private static Path postgresBin() throws IOException {
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.comparing(Path::toString))
          .orElseThrow(() -> new AssertionError("no PostgreSQL server: apt-get install postgresql (.ci/run does)"));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new AssertionError("no PostgreSQL server: apt-get install postgresql (.ci/run does)");
    }
  }

  /** Waits until a line of the process's output contains {@code text}; fails with what it printed. */
  private static String awaitLine(Process p, String text, Duration timeout) throws Exception {
    StringBuffer seen = new StringBuffer();
    CompletableFuture<String> found = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          seen.append(line).append('\n');
          if (line.contains(text)) {
            found.complete(line);
          }
        }
      } catch (IOException e) {
        found.completeExceptionally(e);
      }
      found.complete(null);  // the process ended without printing it
    }, "station-output");
    reader.setDaemon(true);
    reader.start();
    String line;
    try {
      line = found.get(timeout.toSeconds(), TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      line = null;
    }
    assertTrue(line != null, "the station did not print '" + text + "':\n" + seen);
    return line;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
