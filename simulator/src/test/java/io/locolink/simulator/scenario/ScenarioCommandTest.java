package io.locolink.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code simulator run} prints one CSV row per interval of a scenario. */
class ScenarioCommandTest {

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
}
