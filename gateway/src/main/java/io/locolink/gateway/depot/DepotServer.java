package io.locolink.gateway.depot;

import io.locolink.gateway.config.DepotConfig;
import io.locolink.gateway.archive.EnergyStore;
import io.locolink.gateway.trips.TripStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's CoAP depot server: {@code /trips}, {@code /trips/ID}, {@code /trips/ID/summary},
 * {@code /trips/ID/log} (block-wise), {@code /trips/ID/collected} (the ground's acknowledgement),
 * {@code /energy?from&to}, {@code /battery} (observable) and {@code /health}, all listed in
 * {@code /.well-known/core}, over DTLS 1.2 with pre-shared keys, plus plain CoAP on the loopback address
 * only when configured. Lifecycle: {@link #create} reads the key file, {@link #start} binds,
 * {@link #close} unbinds. {@link #publishBattery} is thread-safe.
 */
public final class DepotServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DepotServer.class);

  private final CoapServer server;
  private final CoapEndpoint dtls;
  private final CoapEndpoint plain;
  private final BatteryResource battery;
  private final ScheduledExecutorService ticker;
  private final ReceiverThreadExecutor inline;
  private final List<String> identities;

  private DepotServer(CoapServer server, CoapEndpoint dtls, CoapEndpoint plain, BatteryResource battery,
      ScheduledExecutorService ticker, ReceiverThreadExecutor inline, List<String> identities) {
    this.identities = identities;
    this.server = server;
    this.dtls = dtls;
    this.plain = plain;
    this.battery = battery;
    this.ticker = ticker;
    this.inline = inline;
  }

  /**
   * Builds the server from its configuration; nothing is bound yet.
   *
   * @throws KeyFileException if the key file is missing, readable by others, or malformed
   */
  public static DepotServer create(DepotConfig config, TripStore trips, EnergyStore energy, InstantSource clock) {
    return create(config, trips, energy, clock, List::of);
  }

  /**
   * As {@link #create(DepotConfig, TripStore, EnergyStore, InstantSource)}, with the checks
   * {@code /health} reports (called on the endpoint's thread at each request; must not block).
   *
   * @throws KeyFileException if the key file is missing, readable by others, or malformed
   */
  public static DepotServer create(DepotConfig config, TripStore trips, EnergyStore energy, InstantSource clock,
      Supplier<List<HealthCheck>> health) {
    return create(config, trips, energy, clock, health, CoapSetup.server(config.maxRequestBytes()));
  }

  /** As {@link #create(DepotConfig, TripStore, EnergyStore, InstantSource)} with a given Californium configuration. */
  static DepotServer create(DepotConfig config, TripStore trips, EnergyStore energy, InstantSource clock,
      Configuration cfg) {
    return create(config, trips, energy, clock, List::of, cfg);
  }

  static DepotServer create(DepotConfig config, TripStore trips, EnergyStore energy, InstantSource clock,
      Supplier<List<HealthCheck>> health, Configuration cfg) {
    Map<String, byte[]> keys = PskKeyFile.readAll(config.pskPath());
    AdvancedMultiPskStore pskStore = new AdvancedMultiPskStore();
    keys.forEach((identity, key) -> pskStore.setKey(identity, key));
    DTLSConnector connector = new DTLSConnector(DtlsConnectorConfig.builder(cfg)
        .setAddress(new InetSocketAddress(address(config.bindAddress()), config.port()))
        .setAdvancedPskStore(pskStore)
        .build());
    ReceiverThreadExecutor inline = null;
    if (config.receiverThreadJobs()) {
      inline = new ReceiverThreadExecutor(1);
      connector.setExecutor(inline);
    }
    CoapEndpoint dtls = CoapEndpoint.builder().setConfiguration(cfg).setConnector(connector)
        .setDataSerializerAndParser(new UdpDataSerializer(), new DepotDataParser(cfg)).build();
    CoapServer server = new CoapServer(cfg);
    server.addEndpoint(dtls);
    CoapEndpoint plain = null;
    if (config.plainPort() != null) {
      plain = CoapEndpoint.builder().setConfiguration(cfg)
          .setDataSerializerAndParser(new UdpDataSerializer(), new DepotDataParser(cfg))
          .setInetSocketAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.plainPort())).build();
      server.addEndpoint(plain);
    }
    if (inline != null) {
      server.setExecutors(inline, inline, false);
    }
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "depot-notify");
      t.setDaemon(true);
      return t;
    });
    int max = config.maxRequestBytes();
    BatteryResource battery = new BatteryResource(max, ticker, config.liveNotifyIntervalMs());
    boolean deleteAtOnce = config.deleteCollectedAfter().filter(java.time.Duration::isZero).isPresent();
    server.add(new TripsResource(trips, max, new TripsResource.Collection(clock, deleteAtOnce)),
        new EnergyResource(energy, max, config.energyMaxRangeDays()), battery,
        new HealthResource(trips, energy, clock, health, max));
    LOG.info("depot server: {} identities, DTLS on {}:{}{}", keys.size(), config.bindAddress(), config.port(),
        plain == null ? "" : ", plain CoAP on loopback port " + config.plainPort());
    return new DepotServer(server, dtls, plain, battery, ticker, inline, List.copyOf(keys.keySet()));
  }

  /**
   * Binds the endpoints. Blocks until bound.
   *
   * @throws UncheckedIOException if a port cannot be bound
   */
  public void start() {
    try {
      dtls.start();
      if (plain != null) {
        plain.start();
      }
    } catch (IOException e) {
      server.destroy();
      throw new UncheckedIOException("cannot bind " + dtls.getAddress() + ": " + e.getMessage(), e);
    }
    server.start();
    if (!dtls.isStarted() || plain != null && !plain.isStarted()) {
      server.destroy();
      throw new UncheckedIOException(new IOException("depot server could not bind its ports"));
    }
  }

  /** The bound DTLS address (the real port when 0 was configured). */
  public InetSocketAddress dtlsAddress() {
    return dtls.getAddress();
  }

  /** The PSK identities of the key file the server was created with (never the keys). */
  public List<String> identities() {
    return identities;
  }

  /** The bound plain CoAP address, when configured. */
  public Optional<InetSocketAddress> plainAddress() {
    return Optional.ofNullable(plain).map(CoapEndpoint::getAddress);
  }

  /** Offers a new live battery state to observers of {@code /battery}. Thread-safe, non-blocking. */
  public void publishBattery(LiveBattery state) {
    battery.update(state);
  }

  @Override
  public void close() {
    server.destroy();
    ticker.shutdownNow();
    if (inline != null) {
      inline.shutdownNow();
    }
  }

  private static InetAddress address(String text) {
    try {
      return InetAddress.getByName(text);
    } catch (IOException e) {
      throw new IllegalArgumentException("depot.bindAddress: not an address: " + text);
    }
  }
}
