package io.locolink.simulator.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.simulator.testing.HelpLayout;
import io.locolink.simulator.testing.LocolinkProcess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code simulator fleet} that cannot run says why in one line: an unknown scenario or a broker URL
 * the gateway's {@code mqtt.url} would not take before it connects anywhere (exit 2), a broker
 * that refuses the connection on a real loopback port or a host that does not resolve, with the
 * root cause as the gateway logs it (exit 1); never a stack trace. Its help reads at 80 columns.
 */
class FleetCommandTest {

  private record Run(int exit, String err) {}

  private static Run fleet(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new FleetCommand());
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, err.toString());
  }

  @Test
  void anUnknownScenarioAndABrokerOfAnotherSchemeAreRefusedBeforeConnecting() throws Exception {
    String broker = "tcp://127.0.0.1:" + closedPort();
    Run run = fleet("--locomotives", "2", "--broker", broker, "--scenario", "nope", "--duration", "1");
    assertEquals(2, run.exit(), run.err());
    assertTrue(run.err().startsWith("fleet: unknown scenario 'nope'; built in: [shunting-day"), run.err());
    run = fleet("--locomotives", "2", "--broker", "http://127.0.0.1:1883", "--duration", "1");
    assertEquals(2, run.exit(), run.err());
    assertEquals("fleet: --broker: scheme must be ssl:// or tcp://, got 'http://127.0.0.1:1883'", run.err().strip());
  }

  /**
   * The locomotives connect through the gateway's uplink, whose {@code mqtt.url} takes ssl:// and
   * tcp:// only, so a websocket URL (which the Paho client of the ground counter would take) is
   * refused before any client starts, not by the first locomotive after the ground connected.
   */
  @Test
  void aBrokerUrlTheGatewayWouldNotTakeIsRefusedInOneLineNamingTheOption() throws Exception {
    int port = closedPort();
    assertRefused("ws://127.0.0.1:" + port + "/mqtt",
        "fleet: --broker: scheme must be ssl:// or tcp://, got 'ws://127.0.0.1:" + port + "/mqtt'");
    assertRefused("tcp://127.0.0.1", "fleet: --broker: must name a host and a port, e.g. "
        + "ssl://broker.example:8883, got 'tcp://127.0.0.1'");
    assertRefused("tcp://broker example:" + port, "fleet: --broker: not a valid URL: Illegal character in "
        + "authority at index 12: tcp://broker example:" + port);
  }

  private static void assertRefused(String broker, String line) {
    Run run = fleet("--locomotives", "1", "--broker", broker, "--duration", "1");
    assertEquals(2, run.exit(), run.err());
    assertEquals(line, run.err().strip());
  }

  @Test
  void aBrokerThatRefusesIsNamedWithTheReasonInOneLine() throws Exception {
    String broker = "tcp://127.0.0.1:" + closedPort();
    Run run = fleet("--locomotives", "2", "--broker", broker, "--duration", "1");
    assertEquals(1, run.exit(), run.err());
    assertTrue(run.err().startsWith("fleet: ") && run.err().contains(broker)
        && run.err().contains("(java.net.ConnectException: Connection refused)"), run.err());
    assertEquals(1, run.err().strip().lines().count(), run.err());
    assertFalse(run.err().contains("\tat "), run.err());
  }

  /**
   * The root cause keeps its type: an unknown host's message is the host name alone, already in the
   * URL. The fleet runs as its own JVM whose resolver reads a hosts file naming localhost alone, so
   * the name is unknown at once whatever DNS this machine has: a slow or missing resolver would
   * instead let Paho's connect wait run out.
   */
  @Test
  void aHostThatDoesNotResolveIsNamedAsSuch(@TempDir Path dir) throws Exception {
    Path hosts = Files.writeString(dir.resolve("hosts"), "127.0.0.1 localhost\n");
    Path err = dir.resolve("err.txt");
    String broker = "tcp://no-such-broker.invalid:1883";
    Process p = LocolinkProcess.builder(List.of("-Djdk.net.hosts.file=" + hosts, "-Djava.io.tmpdir=" + dir,
            "-Dlocolink.log.level=OFF"),
            "simulator", "fleet", "--locomotives", "1", "--broker", broker, "--duration", "1")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the fleet did not end");
    Run run = new Run(p.exitValue(), Files.readString(err));
    assertEquals(1, run.exit(), run.err());
    assertTrue(run.err().startsWith("fleet: ") && run.err().contains(broker)
        && run.err().contains("(java.net.UnknownHostException: no-such-broker.invalid)"), run.err());
    assertEquals(1, run.err().strip().lines().count(), run.err());
  }

  @Test
  void theHelpIsWrappedAt80ColumnsWithoutShortLines() {
    HelpLayout.assertWrappedAt80Columns(new CommandLine(new FleetCommand()), "--help");
  }

  /** A loopback port nothing listens on. */
  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
