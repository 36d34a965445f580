package io.locolink.gateway.depot;

import io.locolink.gateway.config.DepotConfig;
import io.locolink.gateway.archive.EnergyStore;
import io.locolink.gateway.trips.TripStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;

/** Package-level access for benchmark harnesses (the ground's {@code TripsDepotBenchmark}, the depot collection benchmark). */
public final class DepotBench {

  private DepotBench() {}

  /** A started server over {@code store} on a free loopback port, with identity {@code bench}. */
  public static DepotServer server(Path base, TripStore store, EnergyStore energy, String secret, boolean inline,
      String deduplicator) throws java.io.IOException {
    Path keys = DepotFixture.writeKeyFile(base.resolve("psk"), "bench:" + secret + "\n");
    DepotConfig config = new DepotConfig(null, "127.0.0.1", 0, keys.toString(), null, null, null, null, inline, null);
    Configuration cfg = CoapSetup.server(1024);
    cfg.set(CoapConfig.DEDUPLICATOR, deduplicator);
    DepotServer server = DepotServer.create(config, store, energy, Clock.systemUTC(), cfg);
    server.start();
    return server;
  }

  /**
   * Downloads {@code path} with Californium's defaults at the client (transparent block-wise with
   * MAX_RESOURCE_BODY_SIZE raised, default deduplicator and executors); returns the body length.
   */
  public static int defaultCaliforniumGet(java.net.URI uri, String identity, String secret) throws Exception {
    org.eclipse.californium.core.config.CoapConfig.register();
    org.eclipse.californium.elements.config.UdpConfig.register();
    org.eclipse.californium.scandium.config.DtlsConfig.register();
    Configuration cfg = Configuration.createStandardWithoutFile();
    cfg.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, 64 << 20);
    org.eclipse.californium.scandium.DTLSConnector connector = new org.eclipse.californium.scandium.DTLSConnector(
        org.eclipse.californium.scandium.config.DtlsConnectorConfig.builder(cfg)
            .setAddress(new java.net.InetSocketAddress(0))
            .setAdvancedPskStore(new org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore(identity,
                secret.getBytes(StandardCharsets.UTF_8)))
            .build());
    org.eclipse.californium.core.network.CoapEndpoint endpoint =
        org.eclipse.californium.core.network.CoapEndpoint.builder().setConfiguration(cfg).setConnector(connector).build();
    org.eclipse.californium.core.CoapClient client = new org.eclipse.californium.core.CoapClient(uri);
    client.setEndpoint(endpoint);
    client.setTimeout(120_000L);
    try {
      org.eclipse.californium.core.CoapResponse r = client.get();
      return r == null ? -1 : r.getPayload().length;
    } finally {
      client.shutdown();
      endpoint.destroy();
    }
  }

  public static Path keyFile(Path file, String content) throws java.io.IOException {
    return DepotFixture.writeKeyFile(file, content);
  }
}
