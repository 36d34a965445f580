package io.locolink.simulator.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The README's first command, run in-process for a few seconds: the live view shows what the
 * ground decoded from the embedded broker, for every cell of the reference pack, with the hints
 * kept under every refresh.
 */
class DemoCommandTest {

  record Run(int exit, String out, String err) {}

  static Run demo(String... args) {
    return demo(new StringWriter(), args);
  }

  /** Runs the demo writing its output to {@code out} (a StringWriter is safe to read while it runs). */
  static Run demo(StringWriter out, String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    String[] all = new String[args.length + 1];
    all[0] = "demo";
    System.arraycopy(args, 0, all, 1, args.length);
    int exit = cli.execute(all);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void theDemoShowsTheBatteryAsTheGroundReceivesIt() {
    Run run = demo("--duration", "8", "--plain", "--no-station");
    String text = run.out();
    assertEquals(0, run.exit(), run.err());
    assertTrue(text.contains("LocoLink live view: locomotive KZ-DEMO-001"), text);
    assertTrue(text.contains("216 cells"), "every cell of the 216-cell pack reaches the ground: " + text);
    assertTrue(text.contains("link ONLINE"), "the retained status says the gateway is online: " + text);
    // Pack voltage is the sum of 216 LFP cells: between 216 x 2.5 V and 216 x 3.65 V.
    Matcher pack = Pattern.compile("Pack\\s+([0-9.]+) V").matcher(text);
    assertTrue(pack.find(), text);
    double packV = Double.parseDouble(pack.group(1));
    assertTrue(packV >= 216 * 2.5 && packV <= 216 * 3.65, "pack voltage " + packV);
  }

  @Test
  void theDemoStartsTheStationAndItsDashboardShowsTheLocomotive(@TempDir Path tmp) throws Exception {
    StringWriter out = new StringWriter();
    AtomicReference<Run> result = new AtomicReference<>();
    Thread running = Thread.ofPlatform().name("demo").start(() -> result.set(
        demo(out, "--duration", "20", "--plain", "--state-dir", tmp.resolve("state").toString())));
    Pattern dashboardLine = Pattern.compile("dashboard:\\s+(http://127\\.0\\.0\\.1:\\d+/)");
    Pattern loginLine = Pattern.compile("dashboard log-in:\\s+user admin, password in (\\S+)");
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    Matcher url = null;
    while (url == null && running.isAlive() && System.nanoTime() < deadline) {
      Matcher m = dashboardLine.matcher(out.toString());
      if (m.find()) {
        url = m;
      } else {
        running.join(100);
      }
    }
    assertNotNull(url, "the footer shows the dashboard: " + out);
    Matcher login = loginLine.matcher(out.toString());
    assertTrue(login.find(), "the footer says where the one-time password is: " + out);
    Path passwordFile = Path.of(login.group(1));
    assertEquals(tmp.resolve("state").resolve("dashboard-admin.password"), passwordFile);
    assertEquals(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
        Files.getPosixFilePermissions(passwordFile), "the password file is its owner's only");
    String password = Files.readString(passwordFile).strip();
    assertTrue(password.length() >= 20, "a generated password, not a default: " + password.length() + " chars");

    String base = url.group(1);
    HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "login")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, page.statusCode(), "the dashboard URL answers");
    assertTrue(page.body().contains("id=\"login-form\""), page.body());
    HttpResponse<String> loggedIn = http.send(HttpRequest.newBuilder(URI.create(base + "auth/login"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"admin\",\"password\":\"" + password + "\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, loggedIn.statusCode(), loggedIn.body());
    JsonNode fleet = null;
    while (System.nanoTime() < deadline && running.isAlive()) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "api/v1/fleet")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
      fleet = new ObjectMapper().readTree(r.body());
      if (fleet.toString().contains("KZ-DEMO-001")) {
        break;
      }
      running.join(250);
    }
    assertTrue(fleet != null && fleet.toString().contains("KZ-DEMO-001"),
        "the station stored what the demo's gateway sent: " + fleet);
    running.join(Duration.ofSeconds(90));
    assertEquals(0, result.get().exit(), result.get().err());
    String[] refreshes = out.toString().split("LocoLink live view: ");
    assertTrue(refreshes.length >= 4, "several refreshes: " + out);
    // The station started (and wrote the password) before the gateway took its first sample, so every
    // frame is stamped after the password file was written. A simulated clock started with the command
    // would stamp the first frames the station's start-up time earlier, and the dashboard would show
    // the locomotive stale (no frame for 10 s) from the start at 1x.
    Matcher frame = Pattern.compile("Frame\\s+seq \\d+, (\\S+), clock").matcher(out.toString());
    assertTrue(frame.find(), out.toString());
    Instant firstShown = Instant.parse(frame.group(1));
    Instant stationUp = Files.getLastModifiedTime(passwordFile).toInstant();
    assertFalse(firstShown.isBefore(stationUp),
        "a frame stamped " + firstShown + ", before the station was up at " + stationUp + ": " + out);
    for (int i = 1; i < refreshes.length; i++) {
      assertTrue(Pattern.compile("dashboard:\\s+" + Pattern.quote(base)).matcher(refreshes[i]).find(), refreshes[i]);
      assertTrue(refreshes[i].contains("password in " + passwordFile), refreshes[i]);
    }
  }

  @Test
  void everyRefreshKeepsTheHintsUnderTheViewAndTheLocomotiveMovesWithinTenSeconds() {
    Run run = demo("--duration", "8", "--plain", "--no-station");
    assertEquals(0, run.exit(), run.err());
    String[] refreshes = run.out().split("LocoLink live view: ");
    assertTrue(refreshes.length >= 4, "several refreshes in 8 s: " + run.out());
    for (int i = 1; i < refreshes.length; i++) {
      assertTrue(refreshes[i].contains("./locolink watch --broker tcp://127.0.0.1:"), refreshes[i]);
      assertTrue(refreshes[i].contains("./locolink depot pull --gateway coaps://127.0.0.1:"), refreshes[i]);
    }
    Matcher speed = Pattern.compile("Motion\\s+([0-9.]+) km/h").matcher(run.out());
    double fastest = 0;
    while (speed.find()) {
      fastest = Math.max(fastest, Double.parseDouble(speed.group(1)));
    }
    assertTrue(fastest > 0.5, "the default demo moves within its first 10 s: " + run.out());
    assertFalse(run.out().contains("simulated time:"), "at 1x the clocks agree: " + run.out());
  }

  @Test
  void anAcceleratedDemoSaysItsMessagesRunAheadOfTheClock() {
    Run run = demo("--duration", "3", "--plain", "--no-station", "--speed", "20");
    assertEquals(0, run.exit(), run.err());
    String[] refreshes = run.out().split("LocoLink live view: ");
    assertTrue(refreshes.length >= 2, "a refresh in 3 s: " + run.out());
    for (int i = 1; i < refreshes.length; i++) {
      assertTrue(Pattern.compile("simulated time:\\s+runs 20\\.0x, so messages are stamped ahead of this clock")
          .matcher(refreshes[i]).find(), refreshes[i]);
    }
  }

  @Test
  void theFooterSaysWhenTheScenarioHasEnded(@TempDir Path tmp) throws Exception {
    Path scenario = Files.writeString(tmp.resolve("short-stand.yaml"), """
        name: short-stand
        vehicle: hybrid
        route: astana-1-yard
        startUtc: "2026-01-20T03:00:00Z"
        seed: 7
        initial:
          soc: 0.6
          ambientC: 5
        phases:
          - duty: standby
            durationS: 300
        """);
    // 300 simulated seconds at 50x: the scenario ends 6 s after the gateway started (later on a slow machine).
    Run run = demo("--duration", "15", "--plain", "--no-station", "--speed", "50", "--scenario", scenario.toString());
    assertEquals(0, run.exit(), run.err());
    String[] refreshes = run.out().split("LocoLink live view: ");
    assertFalse(refreshes[1].contains("scenario:"), "not ended at the first refresh: " + refreshes[1]);
    assertTrue(Pattern.compile("scenario:\\s+short-stand ended after 0 h 05 min simulated: the simulation stops there")
        .matcher(refreshes[refreshes.length - 1]).find(), run.out());
  }

  @Test
  void aSecondRunInTheSameStateDirectoryContinuesTheSimulatedClock(@TempDir Path tmp) {
    String state = tmp.resolve("state").toString();
    Run first = demo("--duration", "4", "--plain", "--no-station", "--speed", "50", "--state-dir", state);
    assertEquals(0, first.exit(), first.err());
    Run second = demo("--duration", "3", "--plain", "--no-station", "--state-dir", state);
    assertEquals(0, second.exit(), second.err());
    assertTrue(Pattern.compile("simulated time:\\s+continues the last run's clock, 0 h \\d\\d min ahead of this one")
        .matcher(second.out()).find(), "at 1x the footer says the clock is ahead: " + second.out());
    List<Instant> before = frameTimes(first.out());
    List<Instant> after = frameTimes(second.out());
    assertFalse(before.isEmpty() || after.isEmpty(), first.out() + second.out());
    // At 50x the first run's last frames are minutes ahead of the wall clock; a second run (at 1x) starting
    // from the wall clock would stamp its frames before them, and the station would keep showing them.
    assertTrue(after.getFirst().isAfter(before.getLast()),
        "the second run's first frame " + after.getFirst() + " after the first run's last " + before.getLast());
  }

  /** The frame times the live view showed, in order. */
  private static List<Instant> frameTimes(String out) {
    Matcher m = Pattern.compile("Frame\\s+seq \\d+, (\\S+), clock").matcher(out);
    List<Instant> times = new java.util.ArrayList<>();
    while (m.find()) {
      times.add(Instant.parse(m.group(1)));
    }
    return times;
  }

  @Test
  void severalLocomotivesShareTheBrokerAndAMissingStateDirectoryIsCreated(@TempDir Path tmp) {
    Path state = tmp.resolve("not/yet/there");
    Run run = demo("--duration", "5", "--plain", "--no-station", "--locomotives", "3", "--state-dir", state.toString());
    assertEquals(0, run.exit(), run.err());
    String last = run.out().substring(run.out().lastIndexOf("KZ-DEMO-001") - 200);
    for (String id : new String[] {"KZ-DEMO-001", "KZ-DEMO-002", "KZ-DEMO-003"}) {
      assertTrue(last.contains(id), id + " in the fleet table: " + run.out());
      assertTrue(Files.isDirectory(state.resolve(id)), "journal directory of " + id);
    }
  }

  @Test
  void aBadOptionIsRefusedWithItsReason(@TempDir Path tmp) throws Exception {
    Run run = demo("--speed", "1000");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("--speed must be between 1 and 100"), run.err());
    run = demo("--scenario", "no-such-scenario");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("no-such-scenario"), run.err());
    run = demo("--locomotives", "0");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("--locomotives must be between 1 and"), run.err());
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    run = demo("--state-dir", file.toString());
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("exists and is not a directory"), run.err());
    run = demo("--broker-ca-file", file.toString());
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("need --broker URL"), run.err());
  }
}
