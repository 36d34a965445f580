package io.locolink.ground.station;

import io.locolink.ground.api.ApiServer;
import io.locolink.ground.api.LiveFeed;
import io.locolink.ground.api.RoutePlugin;
import io.locolink.ground.api.StationServices;
import io.locolink.ground.collect.AnnouncedEndpoints;
import io.locolink.ground.collect.CollectionApi;
import io.locolink.ground.collect.CollectionStore;
import io.locolink.ground.collect.DepotCollector;
import io.locolink.ground.collect.DepotEndpoint;
import io.locolink.ground.collect.DepotKeyStore;
import io.locolink.ground.collect.LogStore;
import io.locolink.ground.ingest.IngestSettings;
import io.locolink.ground.ingest.MessageDecoder;
import io.locolink.ground.ingest.MqttIngest;
import io.locolink.ground.store.BatchWriter;
import io.locolink.ground.store.FleetQueries;
import io.locolink.ground.store.HistoryQueries;
import io.locolink.ground.store.LocomotiveIds;
import io.locolink.ground.store.MinuteRollups;
import io.locolink.ground.store.PartitionedTable;
import io.locolink.ground.store.RawFrames;
import io.locolink.ground.store.Partitions;
import io.locolink.ground.store.RecordQueries;
import io.locolink.ground.store.Retention;
import io.locolink.ground.store.StationDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running ground station: its database (embedded or a server), the MQTT ingest, the HTTP server
 * with the read API and the given plugins, the hourly retention and the per-minute rollups (every
 * 2 s). Start with {@link #start(StationConfig, List)}; {@link #close()} stops it all (the broker keeps the session,
 * so a restarted station catches up).
 *
 * <pre>
 * try (GroundStation station = GroundStation.start(StationConfig.embedded(dir, brokerUrl, 0), List.of())) {
 *   URI api = URI.create(station.httpUrl() + "/api/v1/fleet");
 * }
 * </pre>
 */
public final class GroundStation implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GroundStation.class);

  /**
   * How often at most the ingest rewrites a locomotive's latest row (the fleet snapshot's state and
   * last seen): with a live fleet once per interval instead of once per frame. The snapshot lags the
   * newest stored frame by up to this plus a writer's turn (about 0.2 s); a locomotive is still marked
   * stale exactly when its frames stopped for {@link io.locolink.ground.store.FleetQueries#STALE_AFTER}.
   */
  public static final Duration LATEST_EVERY = Duration.ofSeconds(2);

  private final StationConfig config;
  private final StationDatabase database;
  private final MqttIngest ingest;
  private final ApiServer api;
  private final StationServices services;
  private final ScheduledExecutorService maintenance;
  private final DepotCollection collection;

  /** Depot collection's parts, when configured (else both null). */
  private record DepotCollection(AnnouncedEndpoints announced, DepotCollector collector) {}

  private GroundStation(StationConfig config, StationDatabase database, MqttIngest ingest, ApiServer api,
      StationServices services, ScheduledExecutorService maintenance, DepotCollection collection) {
    this.config = config;
    this.database = database;
    this.ingest = ingest;
    this.api = api;
    this.services = services;
    this.maintenance = maintenance;
    this.collection = collection;
  }

  /**
   * Starts a station: opens (or starts) the database and migrates it, starts the HTTP server, then
   * the ingest. Blocks until the HTTP server listens (an embedded database takes a few seconds on
   * first start); the broker is connected in the background (see {@link #ingest()}).
   *
   * @param plugins added to the HTTP server after the read API (the dashboard)
   * @throws IOException if the state directory or the embedded database cannot be set up
   */
  public static GroundStation start(StationConfig config, List<RoutePlugin> plugins) throws IOException {
    Files.createDirectories(config.stateDir());
    StationDatabase db = config.database() == null
        ? StationDatabase.embedded(config.stateDir().resolve("db"))
        : StationDatabase.server(config.database().url(), config.database().user(), config.database().passwordFile());
    MqttIngest ingest = null;
    ApiServer api = null;
    ScheduledExecutorService maintenance = null;
    DepotCollection collection = new DepotCollection(null, null);
    try {
      Partitions partitions = new Partitions();
      BatchWriter writer = new BatchWriter(db.dataSource(), new LocomotiveIds(), partitions, LATEST_EVERY);
      // On a shared subscription a frame's cell reference may have gone to another instance: read it back from the store.
      MessageDecoder decoder = new MessageDecoder(config.ingest().maxPayloadBytes(),
          new RawFrames(db.dataSource())::telemetry);
      ingest = new MqttIngest(settings(config), decoder, writer);
      LiveFeed live = new LiveFeed();
      ingest.addListener(result -> live.publish(result.locomotives()));
      MqttIngest ingestRef = ingest;
      StationServices services = new StationServices(db.dataSource(), new FleetQueries(db.dataSource()),
          new HistoryQueries(db.dataSource()), new RecordQueries(db.dataSource()), live, () -> health(db, ingestRef, config.collect() != null));
      List<RoutePlugin> all = new ArrayList<>(plugins);
      if (config.collect() != null) {
        collection = collection(config, db);
        LogStore logs = new LogStore(config.stateDir().resolve("depot"));
        all.add(new CollectionApi(new CollectionStore(db.dataSource()), logs, collection.announced()::current));
      }
      api = ApiServer.start(config.http().host(), config.http().port(), services, all);
      maintenance = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("ground-retention")
          .daemon().unstarted(r));
      Retention retention = new Retention(db.dataSource(), partitions, Map.of(
          PartitionedTable.RAW_MESSAGE, config.retention().rawDays(),
          PartitionedTable.FRAME_SECOND, config.retention().secondDays(),
          PartitionedTable.DEAD_LETTER, config.retention().deadLetterDays(),
          PartitionedTable.FRAME_MINUTE, config.retention().minuteDays(),
          PartitionedTable.ENERGY_RECORD, config.retention().energyDays(),
          PartitionedTable.ALARM_EVENT, config.retention().alarmDays()));
      maintenance.scheduleWithFixedDelay(() -> applyRetention(retention), 1, 60, TimeUnit.MINUTES);
      maintenance.scheduleWithFixedDelay(() -> rollUpMinutes(db, partitions), 2, 2, TimeUnit.SECONDS);
      ingest.start();
      if (collection.collector() != null) {
        collection.collector().start();
      }
      LOG.info("ground station: read API on http://{}:{}/api/v1, database {}, broker {}", config.http().host(),
          api.port(), db.jdbcUrl(), config.broker().url());
      return new GroundStation(config, db, ingest, api, services, maintenance, collection);
    } catch (RuntimeException e) {
      closeCollection(collection);
      if (maintenance != null) {
        maintenance.shutdownNow();
      }
      if (api != null) {
        api.close();
      }
      db.close();
      throw e;
    }
  }

  /** The depot collection: the fleet's announced endpoints (own MQTT subscription to the retained status) and the collector. */
  private static DepotCollection collection(StationConfig config, StationDatabase db) throws IOException {
    StationConfig.Collect c = config.collect();
    AnnouncedEndpoints announced = new AnnouncedEndpoints();
    org.eclipse.paho.client.mqttv3.MqttConnectOptions options = new org.eclipse.paho.client.mqttv3.MqttConnectOptions();
    BrokerCredentials credentials = BrokerCredentials.of(config.broker());
    if (credentials.socketFactory() != null) {
      options.setSocketFactory(credentials.socketFactory());
    }
    if (credentials.username() != null) {
      options.setUserName(credentials.username());
      options.setPassword(new String(credentials.password(), StandardCharsets.UTF_8).toCharArray());
    }
    try {
      announced.subscribe(config.broker().url(), clientId(config.stateDir()) + "-depot", options);
    } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
      throw new IllegalArgumentException("broker url: " + e.getMessage(), e);
    }
    DepotCollector collector = new DepotCollector(announced::current, new DepotKeyStore(c.keyStore()),
        new LogStore(config.stateDir().resolve("depot")), new CollectionStore(db.dataSource()),
        new DepotCollector.Settings(Duration.ofSeconds(c.intervalS()), c.parallel(), 4,
            Duration.ofSeconds(c.timeoutS()), Duration.ofDays(c.energyLookbackDays())),
        java.time.Clock.systemUTC());
    return new DepotCollection(announced, collector);
  }

  private static void closeCollection(DepotCollection c) {
    if (c.collector() != null) {
      c.collector().close();
    }
    if (c.announced() != null) {
      c.announced().close();
    }
  }

  /** Rolls up every complete minute the ingest marked, in chunks of 2,000 (see {@link MinuteRollups}). */
  private static void rollUpMinutes(StationDatabase db, Partitions partitions) {
    try {
      while (MinuteRollups.rollUp(db.dataSource(), partitions, System.currentTimeMillis(), 2_000) >= 2_000) {
        // more are ready
      }
    } catch (java.sql.SQLException | RuntimeException e) {
      LOG.warn("per-minute rollup failed (retried in 2 s): {}", e.getMessage());
    }
  }

  private static void applyRetention(Retention retention) {
    try {
      List<String> dropped = retention.apply(LocalDate.now(ZoneOffset.UTC));
      if (!dropped.isEmpty()) {
        LOG.info("retention dropped {}", dropped);
      }
    } catch (java.sql.SQLException | RuntimeException e) {
      LOG.warn("retention failed: {}", e.getMessage());
    }
  }

  private static Map<String, Object> health(StationDatabase db, MqttIngest ingest, boolean depotCollection) {
    Map<String, Object> h = new LinkedHashMap<>();
    boolean dbUp;
    try (var c = db.dataSource().getConnection()) {
      dbUp = c.isValid(2);
    } catch (java.sql.SQLException e) {
      dbUp = false;
    }
    boolean broker = ingest.connected();
    h.put("status", dbUp && broker ? "ok" : "degraded");
    h.put("database", dbUp ? "up" : "down");
    h.put("schemaVersion", db.schemaVersion());
    h.put("broker", broker ? "connected" : "disconnected");
    var s = ingest.stats();
    h.put("ingest", Map.of("received", s.received(), "stored", s.stored(), "duplicates", s.duplicates(),
        "deadLetters", s.deadLetters(), "batches", s.batches(), "acknowledged", s.acknowledged(),
        "statusCopies", s.statusCopies(), "held", s.held()));
    h.put("depotCollection", depotCollection);
    return h;
  }

  private static IngestSettings settings(StationConfig config) throws IOException {
    StationConfig.Broker b = config.broker();
    String clientId = b.clientId() != null ? b.clientId() : clientId(config.stateDir());
    BrokerCredentials credentials = BrokerCredentials.of(b);
    return new IngestSettings(b.url(), clientId, b.group(), b.sessionExpiryS(), b.receiveMaximum(),
        config.ingest().batchMax(), Duration.ofMillis(config.ingest().lingerMs()), config.ingest().writers(),
        credentials.socketFactory(),
        credentials.username(), credentials.password());
  }

  /** The station's MQTT client id, made once and kept in the state directory so the broker keeps its session. */
  private static String clientId(Path stateDir) throws IOException {
    Path file = stateDir.resolve("mqtt-client-id");
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    }
    byte[] random = new byte[6];
    new java.security.SecureRandom().nextBytes(random);
    String id = "locolink-ground-" + HexFormat.of().formatHex(random);
    Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
    return id;
  }

  /** The HTTP server's port (the actual one when the configuration said 0). */
  public int httpPort() {
    return api.port();
  }

  /** {@code http://host:port} of the HTTP server. */
  public String httpUrl() {
    String host = config.http().host();
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + api.port();
  }

  /** Pooled connections to the station's database. */
  public DataSource dataSource() {
    return database.dataSource();
  }

  /** What HTTP plugins get: queries, the live feed, health. */
  public StationServices services() {
    return services;
  }

  /** The MQTT ingest (its counters, whether it is subscribed). */
  public MqttIngest ingest() {
    return ingest;
  }

  /**
   * Whether the station is doing its job, for the service manager's watchdog: the ingest's writer loop went
   * round within {@code maxWriterIdle} and the database answers within two seconds. Blocks up to two seconds.
   */
  public boolean live(Duration maxWriterIdle) {
    if (ingest.writerIdle().compareTo(maxWriterIdle) > 0) {
      return false;
    }
    try (var c = database.dataSource().getConnection()) {
      return c.isValid(2);
    } catch (java.sql.SQLException e) {
      return false;
    }
  }

  /** The depot collector, when {@code collect} is configured. */
  public Optional<DepotCollector> collector() {
    return Optional.ofNullable(collection.collector());
  }

  /** The depot endpoints the fleet announces now (empty without {@code collect}). */
  public Map<String, DepotEndpoint> announced() {
    return collection.announced() == null ? Map.of() : collection.announced().current();
  }

  /**
   * Stops the collection, the HTTP server, the ingest (the batch in hand is committed and acknowledged),
   * the maintenance (a rollup under way finishes, up to 10 s) and the database.
   */
  @Override
  public void close() {
    closeCollection(collection);
    api.close();
    ingest.close();
    // A rollup or retention pass under way finishes (it is one transaction) before the database closes.
    maintenance.shutdown();
    try {
      if (!maintenance.awaitTermination(10, TimeUnit.SECONDS)) {
        maintenance.shutdownNow();
      }
    } catch (InterruptedException e) {
      maintenance.shutdownNow();
      Thread.currentThread().interrupt();
    }
    database.close();
  }
}
