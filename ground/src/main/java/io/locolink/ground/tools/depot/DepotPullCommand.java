package io.locolink.ground.tools.depot;

import io.locolink.ground.collect.DepotClient;
import io.locolink.ground.collect.DepotTransferException;
import io.locolink.gateway.depot.KeyFileException;
import io.locolink.gateway.depot.PskKeyFile;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code locolink depot pull}: downloads a gateway's new trip logs over CoAP/DTLS-PSK. Exit code 0
 * when every listed trip is present and verified, 1 when some failed, 2 on a usage or key problem.
 */
@Command(name = "pull", mixinStandardHelpOptions = true,
    description = "List a gateway's trips and download the new ones (resumable, SHA-256 verified).")
public final class DepotPullCommand implements Callable<Integer> {

  @Option(names = "--gateway", required = true, paramLabel = "coaps://HOST[:PORT]",
      description = "The gateway's depot server (default port 5684).")
  URI gateway;

  @Option(names = "--identity", required = true, description = "This depot's PSK identity.")
  String identity;

  @Option(names = "--key-file", required = true, paramLabel = "FILE",
      description = "File with the secret (or identity:secret lines); must be mode 600.")
  Path keyFile;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the trip logs.")
  Path out;

  @Option(names = "--window", defaultValue = "4", description = "Block requests in flight (default ${DEFAULT-VALUE}).")
  int window;

  @Option(names = "--timeout-s", defaultValue = "15", description = "Longest wait for one answer, s (default ${DEFAULT-VALUE}).")
  int timeoutS;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter outWriter = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (window < 1 || window > 64) {
      err.println("--window must be 1..64");
      return 2;
    }
    byte[] key;
    try {
      key = PskKeyFile.keyFor(keyFile, identity);
    } catch (KeyFileException e) {
      err.println("key file: " + e.getMessage());
      return 2;
    }
    try (DepotClient client = DepotClient.connect(gateway, identity, key, Duration.ofSeconds(timeoutS))) {
      List<DepotPull.Outcome> outcomes = new DepotPull(client, out, window, Long.MAX_VALUE).run(outWriter);
      return outcomes.stream().anyMatch(o -> o.kind() == DepotPull.Kind.FAILED) ? 1 : 0;
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    } catch (DepotTransferException e) {
      err.println("cannot list trips: " + e.getMessage());
      return 1;
    }
  }
}
