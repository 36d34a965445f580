package io.locolink.ground.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.ground.testing.Await;
import io.locolink.ground.testing.Frames;
import io.locolink.ground.testing.Sql;
import io.locolink.testing.MosquittoBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The station on its embedded database as its own process, stopped as a service manager stops it
 * (SIGTERM): the station closes first and its database after it, so the stop is quiet (no
 * connection torn from under the ingest) and leaves no database server running.
 */
class GroundSignalTest {

  @TempDir
  Path dir;

  @Test
  void aSignalClosesTheStationBeforeItsEmbeddedDatabase() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.startPlain()) {
      Path config = dir.resolve("ground.yaml");
      Path state = dir.resolve("state");
      Files.writeString(config, "stateDir: " + state + "\nbroker:\n  url: " + broker.url() + "\nhttp:\n  port: 0\n");
      Path log = dir.resolve("ground.log");
      String java = ProcessHandle.current().info().command().orElse("java");
      Process station = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          "io.locolink.ground.Main", "ground", "--config", config.toString())
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      try {
        Await.until("the station subscribed", Duration.ofSeconds(180), () -> read(log).contains("subscribed"));
        List<Path> pidFiles = postmasterPids(state);
        assertEquals(1, pidFiles.size(), "the embedded database runs: " + pidFiles);
        Matcher url = Pattern.compile("database (jdbc:postgresql:\\S+),").matcher(read(log));
        assertTrue(url.find(), "the station names its database: " + read(log));
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url.group(1));
        AtomicBoolean streaming = new AtomicBoolean(true);
        Thread publisher = Thread.ofPlatform().start(() -> Frames.publishSteadily(broker.url(), "pub-signal",
            "KZ-0310", (System.currentTimeMillis() / 1000L - 3600) * 1000L, seq -> streaming.get(), 50, 20));
        try {
          // Stopped while frames stream in, so a batch is being written when the signal comes.
          Await.until("frames stored", Duration.ofSeconds(120),
              () -> Sql.count(ds, "SELECT count(*) FROM raw_message") >= 200);
          station.destroy();  // SIGTERM
        } finally {
          streaming.set(false);
          publisher.join(30_000);
        }
        assertTrue(station.waitFor(60, TimeUnit.SECONDS), "the station ended after SIGTERM: " + read(log));
        assertEquals(List.of(), postmasterPids(state), "the embedded database was stopped: " + read(log));
        String output = read(log);
        String stopping = output.substring(output.indexOf("subscribed"));
        assertFalse(stopping.contains("Exception"), "no exception while stopping:\n" + output);
        assertFalse(stopping.contains("WARN"), "no warning while stopping:\n" + output);
      } finally {
        station.destroyForcibly();
      }
    }
  }

  private static List<Path> postmasterPids(Path state) throws java.io.IOException {
    try (Stream<Path> files = Files.walk(state)) {
      return files.filter(f -> f.getFileName().toString().equals("postmaster.pid")).toList();
    }
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (java.io.IOException e) {
      return "";
    }
  }
}
