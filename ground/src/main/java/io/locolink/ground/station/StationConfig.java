package io.locolink.ground.station;

import io.locolink.gateway.config.ConfigException;
import io.locolink.gateway.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The station's configuration (YAML for {@code locolink ground --config FILE}); every section and
 * key is optional, and the defaults make the zero-set-up station: a broker on this machine and an
 * embedded PostgreSQL in the state directory.
 *
 * <pre>
 * stateDir: /var/lib/locolink-ground   # embedded database, MQTT client id (default ~/.local/state/locolink-ground)
 * broker:
 *   url: tcp://127.0.0.1:1883          # or ssl://broker.example:8883
 *   group: ground                      # shared-subscription group: stations in one group split the fleet
 *   clientId: ground-a                 # default: made once and kept in the state directory
 *   caFile: /etc/locolink/ca.pem       # TLS trust (default: the JDK's trust store)
 *   clientCertFile: /etc/locolink/ground.pem   # with clientKeyFile (PEM, PKCS#8)
 *   clientKeyFile: /etc/locolink/ground.key
 *   usernameFile: /etc/locolink/ground.user    # files readable by their owner only
 *   passwordFile: /etc/locolink/ground.password
 *   sessionExpiryS: 86400              # how long the broker queues for a station that is away
 *   receiveMaximum: 4000               # unacknowledged messages in flight to the station
 * database:                            # absent: embedded PostgreSQL in stateDir/db
 *   url: jdbc:postgresql://db.example:5432/locolink
 *   user: locolink
 *   passwordFile: /etc/locolink/db.password
 * http:
 *   host: 127.0.0.1                    # the read API listens here
 *   port: 8080                         # 0: a free port
 * ingest:
 *   batchMax: 2000                     # messages per transaction at most
 *   lingerMs: 50                       # a batch waits at most this long to fill
 *   writers: 2                         # each writes its share of the locomotives on its own database connection
 *   maxPayloadBytes: 262144            # larger messages are kept aside as oversized
 * web:                                 # the dashboard on the same HTTP server
 *   certFile: /etc/locolink/web.pem    # HTTPS certificate chain (PEM); without it plain HTTP, loopback only
 *   keyFile: /etc/locolink/web.key     # its PKCS#8 key
 *   adminPasswordFile: /etc/locolink/admin.password   # first start: creates user 'admin' with this password
 * retention:                           # days kept; older partitions are dropped
 *   rawDays: 30
 *   secondDays: 90
 *   deadLetterDays: 30
 *   minuteDays: 3660                   # per-minute rollups
 *   energyDays: 3660                   # energy records
 *   alarmDays: 3660                    # alarm events
 * collect:                             # depot collection; absent: the station does not collect
 *   keyStore: /etc/locolink/depot-keys # mode 700: files IDENTITY or LOCOMOTIVE/IDENTITY holding the secret, mode 600
 *   intervalS: 60                      # between collection rounds
 *   parallel: 8                        # locomotives collected at once
 *   timeoutS: 15                       # longest wait for one CoAP answer
 *   energyLookbackDays: 62             # energy fetched the first time a locomotive is collected
 * </pre>
 */
public record StationConfig(Path stateDir, Broker broker, Database database, Http http, Ingest ingest,
    Retention retention, Web web, Collect collect) {

  public StationConfig {
    stateDir = stateDir == null ? defaultStateDir() : stateDir;
    broker = broker == null ? new Broker(null, null, null, null, null, null, null, null, null, null) : broker;
    http = http == null ? new Http(null, null) : http;
    ingest = ingest == null ? new Ingest(null, null, null, null) : ingest;
    retention = retention == null ? new Retention(null, null, null, null, null, null) : retention;
    web = web == null ? new Web(null, null, null) : web;
  }

  /** The zero-set-up configuration: everything defaulted. */
  public static StationConfig defaults() {
    return new StationConfig(null, null, null, null, null, null, null, null);
  }

  /** An embedded station for the demo and tests: state in {@code stateDir}, HTTP on {@code httpPort} (0: free). */
  public static StationConfig embedded(Path stateDir, String brokerUrl, int httpPort) {
    return new StationConfig(stateDir, new Broker(brokerUrl, null, null, null, null, null, null, null, null, null),
        null, new Http(null, httpPort), null, null, null, null);
  }

  /** This configuration with depot collection. */
  public StationConfig withCollect(Collect c) {
    return new StationConfig(stateDir, broker, database, http, ingest, retention, web, c);
  }

  /** Reads and validates a YAML file. */
  public static StationConfig load(Path file) {
    try {
      return ConfigLoader.parse(Files.readString(file), StationConfig.class);
    } catch (NoSuchFileException e) {
      throw new ConfigException("", "config file not found: " + file);
    } catch (IOException e) {
      throw new ConfigException("", "cannot read config file " + file + ": " + e.getMessage());
    }
  }

  private static Path defaultStateDir() {
    String xdg = System.getenv("XDG_STATE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "state");
    return base.resolve("locolink-ground");
  }

  /** The MQTT broker and the station's session on it. */
  public record Broker(String url, String group, String clientId, Path caFile, Path clientCertFile, Path clientKeyFile,
      Path usernameFile, Path passwordFile, Long sessionExpiryS, Integer receiveMaximum) {
    public Broker {
      url = url == null ? "tcp://127.0.0.1:1883" : url;
      if (!url.startsWith("tcp://") && !url.startsWith("ssl://")) {
        throw new ConfigException("url", "must start with tcp:// or ssl://, got " + url);
      }
      group = group == null ? "ground" : group;
      if (group.isEmpty() || group.matches(".*[/+#].*")) {
        throw new ConfigException("group", "must be a plain name without / + #, got '" + group + "'");
      }
      if ((clientCertFile == null) != (clientKeyFile == null)) {
        throw new ConfigException(clientCertFile == null ? "clientCertFile" : "clientKeyFile",
            "clientCertFile and clientKeyFile must be given together");
      }
      if (passwordFile != null && usernameFile == null) {
        throw new ConfigException("usernameFile", "missing: a passwordFile needs a usernameFile");
      }
      sessionExpiryS = sessionExpiryS == null ? 86_400L : sessionExpiryS;
      if (sessionExpiryS < 60 || sessionExpiryS > 4_294_967_295L) {
        throw new ConfigException("sessionExpiryS", "must be 60..4294967295, got " + sessionExpiryS);
      }
      receiveMaximum = ConfigException.requireRange("receiveMaximum", receiveMaximum == null ? 4_000 : receiveMaximum,
          1, 65_535);
    }
  }

  /** A PostgreSQL server; absent for the embedded one. */
  public record Database(String url, String user, Path passwordFile) {
    public Database {
      ConfigException.require("url", url);
      if (!url.startsWith("jdbc:postgresql:")) {
        throw new ConfigException("url", "must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db), got " + url);
      }
      user = user == null ? "locolink" : user;
    }
  }

  /** Where the read API listens. */
  public record Http(String host, Integer port) {
    public Http {
      host = host == null ? "127.0.0.1" : host;
      port = ConfigException.requireRange("port", port == null ? 8080 : port, 0, 65_535);
    }
  }

  /** Batching and limits of the ingest. */
  public record Ingest(Integer batchMax, Integer lingerMs, Integer maxPayloadBytes, Integer writers) {
    public Ingest {
      writers = ConfigException.requireRange("writers", writers == null ? 2 : writers, 1, 8);
      batchMax = ConfigException.requireRange("batchMax", batchMax == null ? 2_000 : batchMax, 1, 100_000);
      lingerMs = ConfigException.requireRange("lingerMs", lingerMs == null ? 50 : lingerMs, 0, 10_000);
      maxPayloadBytes = ConfigException.requireRange("maxPayloadBytes",
          maxPayloadBytes == null ? 262_144 : maxPayloadBytes, 1024, 64 * 1024 * 1024);
    }
  }

  /** Days each kind of data is kept. */
  public record Retention(Integer rawDays, Integer secondDays, Integer deadLetterDays, Integer minuteDays,
      Integer energyDays, Integer alarmDays) {
    public Retention {
      rawDays = ConfigException.requireRange("rawDays", rawDays == null ? 30 : rawDays, 1, 36_500);
      secondDays = ConfigException.requireRange("secondDays", secondDays == null ? 90 : secondDays, 1, 36_500);
      deadLetterDays = ConfigException.requireRange("deadLetterDays", deadLetterDays == null ? 30 : deadLetterDays,
          1, 36_500);
      minuteDays = ConfigException.requireRange("minuteDays", minuteDays == null ? 3660 : minuteDays, 1, 36_500);
      energyDays = ConfigException.requireRange("energyDays", energyDays == null ? 3660 : energyDays, 1, 36_500);
      alarmDays = ConfigException.requireRange("alarmDays", alarmDays == null ? 3660 : alarmDays, 1, 36_500);
    }
  }

  /** The dashboard: HTTPS identity and the first admin's password. */
  public record Web(Path certFile, Path keyFile, Path adminPasswordFile) {
    public Web {
      if ((certFile == null) != (keyFile == null)) {
        throw new ConfigException(certFile == null ? "certFile" : "keyFile", "certFile and keyFile must be given together");
      }
    }
  }

  /** Depot collection of trip logs and energy records (io.locolink.ground.collect). */
  public record Collect(Path keyStore, Long intervalS, Integer parallel, Long timeoutS, Integer energyLookbackDays) {
    public Collect {
      if (keyStore == null) {
        throw new ConfigException("keyStore", "missing: the directory of depot keys (mode 700)");
      }
      intervalS = intervalS == null ? 60L : intervalS;
      if (intervalS < 1 || intervalS > 86_400) {
        throw new ConfigException("intervalS", "must be 1..86400, got " + intervalS);
      }
      parallel = ConfigException.requireRange("parallel", parallel == null ? 8 : parallel, 1, 256);
      timeoutS = timeoutS == null ? 15L : timeoutS;
      if (timeoutS < 1 || timeoutS > 600) {
        throw new ConfigException("timeoutS", "must be 1..600, got " + timeoutS);
      }
      energyLookbackDays = ConfigException.requireRange("energyLookbackDays",
          energyLookbackDays == null ? 62 : energyLookbackDays, 1, 3660);
    }
  }
}
