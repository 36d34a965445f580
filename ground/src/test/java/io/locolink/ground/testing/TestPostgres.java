package io.locolink.ground.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server (the Maven-packaged binary) per test JVM, in a temporary directory on
 * a free loopback port, and a fresh empty database for each caller. Stopped when the JVM exits.
 */
public final class TestPostgres {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;

  private TestPostgres() {}

  /** Creates an empty database and returns its JDBC URL (user {@code postgres}, no password). */
  public static synchronized String freshDatabase() {
    try {
      if (server == null) {
        Path dir = Files.createTempDirectory("locolink-pg-test");
        server = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("data"))
            .setOverrideWorkingDirectory(dir.resolve("bin").toFile()).start();
        EmbeddedPostgres started = server;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            started.close();
          } catch (IOException e) {
            // the JVM is exiting; the temporary directory goes with the machine's clean-up
          }
        }));
      }
      String name = "test_" + DATABASES.incrementAndGet();
      try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name);
      }
      return server.getJdbcUrl("postgres", name);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the test PostgreSQL", e);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a test database: " + e.getMessage(), e);
    }
  }
}
