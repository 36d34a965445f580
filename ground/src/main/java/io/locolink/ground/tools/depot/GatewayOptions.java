package io.locolink.ground.tools.depot;

import io.locolink.gateway.depot.PskKeyFile;
import io.locolink.ground.collect.DepotClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options that name one gateway's depot server and this depot's key: shared by the depot commands. */
final class GatewayOptions {

  @Option(names = "--gateway", paramLabel = "coaps://HOST[:PORT]",
      description = "The gateway's depot server (default port 5684).")
  URI gateway;

  @Option(names = "--identity", description = "This depot's PSK identity.")
  String identity;

  @Option(names = "--key-file", paramLabel = "FILE",
      description = "File with the secret (or identity:secret lines); must be mode 600.")
  Path keyFile;

  @Option(names = "--timeout-s", defaultValue = "15", description = "Longest wait for one answer, s (default ${DEFAULT-VALUE}).")
  int timeoutS;

  /** Whether all three of gateway, identity and key file were given. */
  boolean complete() {
    return gateway != null && identity != null && keyFile != null;
  }

  /**
   * Reads the key and opens a client.
   *
   * @throws io.locolink.gateway.depot.KeyFileException if the key file is missing, too open or lacks the identity
   * @throws IllegalArgumentException for a URI that is not coaps:// (or coap:// to loopback)
   */
  DepotClient connect() {
    return DepotClient.connect(gateway, identity, PskKeyFile.keyFor(keyFile, identity), Duration.ofSeconds(timeoutS));
  }
}
