package io.locolink.simulator.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.ground.GroundCommands;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The README's first command, run in-process for a few seconds: the live view shows what the
 * ground decoded from the embedded broker, for every cell of the reference pack.
 */
class DemoCommandTest {

  @Test
  void theDemoShowsTheBatteryAsTheGroundReceivesIt() {
    CommandLine cli = GroundCommands.commandLine();
    cli.addSubcommand(new DemoCommand());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute("demo", "--duration", "6", "--plain");
    String text = out.toString();
    assertEquals(0, exit, err.toString());
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
  void aBadOptionIsRefusedWithItsReason() {
    CommandLine cli = GroundCommands.commandLine();
    cli.addSubcommand(new DemoCommand());
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    assertEquals(2, cli.execute("demo", "--speed", "1000"));
    assertTrue(err.toString().contains("--speed must be between 1 and 100"), err.toString());
    assertEquals(2, cli.execute("demo", "--scenario", "no-such-scenario"));
    assertTrue(err.toString().contains("no-such-scenario"), err.toString());
  }
}
