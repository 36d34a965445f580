package io.locolink.gateway.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Only the service's own command line skips picocli; every other one is picocli's to parse. */
class MainTest {

  @Test
  void theServiceCommandLineIsRecognised() {
    assertEquals(Optional.of(Path.of("/etc/locolink/locolink.yaml")),
        Main.serviceConfig(new String[] {"gateway", "--config", "/etc/locolink/locolink.yaml"}));
  }

  @Test
  void everyOtherCommandLineGoesToPicocli() {
    for (String[] args : new String[][] {
        {"gateway", "--config", "/etc/locolink/locolink.yaml", "--check"},
        {"gateway", "--check", "--config", "x.yaml"},
        {"gateway", "--config=x.yaml"},
        {"gateway", "--config", "--help"},
        {"devices", "--config", "x.yaml"},
        {"gateway", "-h", "x"},
        {}}) {
      assertTrue(Main.serviceConfig(args).isEmpty(), String.join(" ", args));
    }
  }

  @Test
  void aConfigurationErrorExitsTwoOnEitherPath() {
    String[] args = {"gateway", "--config", Path.of("no-such-dir", "locolink.yaml").toString()};
    assertEquals(2, Main.runService(GatewayCommand.forService(Main.serviceConfig(args).orElseThrow())));
    assertEquals(2, LocoLinkCommand.commandLine().execute(args));
  }
}
