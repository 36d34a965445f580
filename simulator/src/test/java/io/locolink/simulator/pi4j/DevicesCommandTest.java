package io.locolink.simulator.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.app.DevicesCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DevicesCommandTest {

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new DevicesCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void readsTheSimulatedBoardAndListsEveryDevice(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("locolink.yaml");
    Files.writeString(config, "platform: simulator\nsimulator:\n  scenario: parked\ndevices:\n  driveCount: 2\n");
    Run r = run("--config", config.toString(), "--cycles", "3", "--period-ms", "0");
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("pack-shunt (i2c-1 0x40)") && r.out().contains("drive1-inverter (spi0.5)"), r.out());
    assertTrue(r.out().contains("216 cells 3.290..3.290 V (0 flagged)"), r.out());
    assertTrue(r.out().contains("drive 1:") && !r.out().contains("drive 2:"), r.out());
  }

  @Test
  void aConfigMistakeNamesTheKey(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("locolink.yaml");
    Files.writeString(config, "devices:\n  motion: {wheelDiameterM: 9}\n");
    Run r = run("--config", config.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("devices.motion.wheelDiameterM"), r.err());
  }
}
