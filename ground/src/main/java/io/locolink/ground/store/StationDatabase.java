package io.locolink.ground.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The station's PostgreSQL: either a server started from the Maven-packaged binary in a directory
 * of the station's own (the zero-set-up default), or a server given by a JDBC URL. Either way the
 * schema is migrated to the newest version at open. Close to release the pool (and stop an
 * embedded server).
 */
public final class StationDatabase implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StationDatabase.class);
  /**
   * How long a JVM stopping (a signal) waits for the station to close before it stops the embedded
   * server itself, so that no server outlives the station (within the unit's TimeoutStopSec, 30 s).
   */
  private static final long STOP_WAIT_S = 20;

  private final HikariDataSource pool;
  private final EmbeddedPostgres embedded;
  private final MigrateResult migration;
  private final CountDownLatch closed = new CountDownLatch(1);
  private final AtomicBoolean serverStopped = new AtomicBoolean();
  private final Thread stopHook;

  private StationDatabase(HikariDataSource pool, EmbeddedPostgres embedded) {
    this.pool = pool;
    this.embedded = embedded;
    // The embedded server is stopped by close(), after the station's last statement, and not by a
    // hook of its own at the moment the JVM starts stopping, under the ingest's feet.
    this.stopHook = embedded == null ? null : new Thread(this::stopUnlessClosed, "station-database-stop");
    if (stopHook != null) {
      Runtime.getRuntime().addShutdownHook(stopHook);
    }
    try {
      this.migration = migrate(pool);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Starts (or restarts) an embedded PostgreSQL whose data lives in {@code directory/pgdata}; blocks
   * until it accepts connections (a few seconds) and the schema is migrated. It listens on a free
   * loopback port. It commits durably ({@code fsync} and {@code synchronous_commit} on, which the
   * packaged binary's launcher turns off): the ingest acknowledges a message to the broker once its
   * batch is committed, so a commit that a crash or a power cut could still undo would lose an
   * acknowledged message, and without fsync a power cut may leave the database corrupt.
   *
   * @throws IOException if the server cannot be started
   */
  public static StationDatabase embedded(Path directory) throws IOException {
    Files.createDirectories(directory);
    Path data = directory.resolve("pgdata");
    EmbeddedPostgres pg = EmbeddedPostgres.builder()
        .setDataDirectory(data)
        .setCleanDataDirectory(false)
        .setOverrideWorkingDirectory(directory.resolve("pgbin").toFile())
        .setServerConfig("listen_addresses", "127.0.0.1")
        .setServerConfig("max_connections", "50")
        .setServerConfig("fsync", "on")  // after the launcher's -F (fsync off), so it wins
        .setServerConfig("synchronous_commit", "on")
        .setRegisterShutdownHook(false)  // stopped by close(), see the constructor
        .start();
    try {
      return new StationDatabase(pool(pg.getJdbcUrl("postgres", "postgres"), "postgres", null), pg);
    } catch (RuntimeException e) {
      pg.close();
      throw e;
    }
  }

  /**
   * Connects to a PostgreSQL server; the password comes from a file only its owner may read.
   *
   * @param jdbcUrl e.g. {@code jdbc:postgresql://db.example:5432/locolink}
   * @param passwordFile null when the server needs no password (peer or trust authentication)
   * @throws IllegalArgumentException if the password file is readable by others or unreadable
   */
  public static StationDatabase server(String jdbcUrl, String user, Path passwordFile) {
    String password = passwordFile == null ? null : readSecret(passwordFile);
    return new StationDatabase(pool(jdbcUrl, user, password), null);
  }

  /** A pooled data source; connections start in auto-commit mode. */
  public DataSource dataSource() {
    return pool;
  }

  /** The schema version after the migration at open, e.g. {@code "1"}. */
  public String schemaVersion() {
    return migration.targetSchemaVersion == null ? migration.initialSchemaVersion : migration.targetSchemaVersion;
  }

  /** The JDBC URL connections go to. */
  public String jdbcUrl() {
    return pool.getJdbcUrl();
  }

  @Override
  public void close() {
    try {
      pool.close();
      stopServer();
    } finally {
      closed.countDown();
      if (stopHook != null && Thread.currentThread() != stopHook) {
        try {
          Runtime.getRuntime().removeShutdownHook(stopHook);
        } catch (IllegalStateException e) {
          // the JVM is stopping: the hook runs and finds this closed
        }
      }
    }
  }

  private void stopServer() {
    if (embedded != null && serverStopped.compareAndSet(false, true)) {
      try {
        embedded.close();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("stopping the embedded PostgreSQL", e);
      }
    }
  }

  /** The JVM is stopping: give the station time to close, then stop the embedded server if it has not. */
  private void stopUnlessClosed() {
    try {
      if (!closed.await(STOP_WAIT_S, TimeUnit.SECONDS)) {
        LOG.warn("the station did not close within {} s of the stop; stopping its embedded database", STOP_WAIT_S);
        stopServer();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopServer();
    }
  }

  /** Runs the Flyway migrations in {@code classpath:db/migration} against {@code ds}. */
  public static MigrateResult migrate(DataSource ds) {
    // Out of order: each part of the station owns a range of versions (V1-V19 store, V20-V29 web,
    // V30-V39 collect), so a database that has V30 must still take a later V2.
    return Flyway.configure().dataSource(ds).locations("classpath:db/migration").outOfOrder(true).load().migrate();
  }

  private static HikariDataSource pool(String url, String user, String password) {
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(url);
    cfg.setUsername(user);
    if (password != null) {
      cfg.setPassword(password);
    }
    cfg.setMaximumPoolSize(10);
    cfg.setPoolName("locolink-ground");
    cfg.addDataSourceProperty("reWriteBatchedInserts", "true");
    return new HikariDataSource(cfg);
  }

  private static String readSecret(Path file) {
    try {
      PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
      if (view != null) {
        Set<PosixFilePermission> perms = view.readAttributes().permissions();
        if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
          throw new IllegalArgumentException("password file " + file
              + " is readable by group or others; restrict it to its owner: chmod 600 " + file);
        }
      }
      return Files.readString(file, StandardCharsets.UTF_8).stripTrailing();
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalArgumentException("password file " + file + " does not exist");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read password file " + file + ": " + e.getClass().getSimpleName());
    }
  }
}
