package io.locolink.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code simulator run} prints one CSV row per interval of a scenario; a scenario it cannot run is
 * one line naming the problem, exit code 2, no stack trace and no CSV.
 */
class ScenarioCommandTest {

  @TempDir
  Path dir;

  @Test
  void depotChargePrintsARowEveryTenMinutes() {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new ScenarioCommand());
    cli.setOut(new PrintWriter(out));
    assertEquals(0, cli.execute("--scenario", "depot-charge", "--every", "600"));
    String[] lines = out.toString().strip().split("\n");
    // header + 7200 s / 600 s
    assertEquals(1 + 12, lines.length, out.toString());
    assertTrue(lines[0].startsWith("time_s,utc,"));
    assertTrue(lines[1].startsWith("600.0,2026-12-10T13:10:00Z,"), lines[1]);
  }

  @Test
  void anUnknownScenarioAMissingOrBadFileAndABadIntervalAreOneLineEach() throws Exception {
    Path tram = Files.writeString(dir.resolve("tram.yaml"), "name: x\nvehicle: tram\n");
    Path missing = dir.resolve("missing.yaml");
    assertRefused("unknown scenario 'nope'", "--scenario", "nope");
    assertRefused("scenario file not found: " + missing, "--file", missing.toString());
    assertRefused("key 'vehicle' must be hybrid or battery, not 'tram'", "--file", tram.toString());
    assertRefused("--every must be > 0", "--every", "0");
  }

  private static void assertRefused(String problem, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new ScenarioCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    assertEquals(2, cli.execute(args), String.join(" ", args) + ": " + err);
    String said = err.toString();
    assertTrue(said.startsWith("simulator run: ") && said.contains(problem), said);
    assertEquals(1, said.strip().lines().count(), "one line: " + said);
    assertFalse(said.contains("Exception"), said);
    assertEquals("", out.toString(), "no CSV");
  }
}
