package io.locolink.ground.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.ground.testing.Await;
import io.locolink.ground.testing.Frames;
import io.locolink.ground.testing.Sql;
import io.locolink.ground.testing.TestPostgres;
import io.locolink.testing.MosquittoBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The station as its own process ({@code locolink ground --config FILE}), SIGKILLed while messages
 * stream in and started again: its persistent session brings back everything it had not
 * acknowledged, and the store ends with every message exactly once.
 */
class SigkillTest {

  private static final int FRAMES = 3000;
  /** Yesterday 00:00 UTC: recent enough that the station's retention keeps it. */
  private static final long T0 = (System.currentTimeMillis() / 86_400_000L - 1) * 86_400_000L;

  @TempDir
  Path dir;

  @Test
  void aStationKilledMidIngestAndRestartedLosesNothingAndDuplicatesNothing() throws Exception {
    String jdbc = TestPostgres.freshDatabase();
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(jdbc);
    ds.setUser("postgres");
    try (MosquittoBroker broker = MosquittoBroker.startPlain()) {
      Path config = dir.resolve("ground.yaml");
      Files.writeString(config, "stateDir: " + dir.resolve("state") + "\nbroker:\n  url: " + broker.url()
          + "\ndatabase:\n  url: " + jdbc + "\n  user: postgres\nhttp:\n  port: 0\n");
      Process first = station(config, dir.resolve("first.log"));
      awaitLog(dir.resolve("first.log"), "subscribed");
      Thread publisher = Thread.ofPlatform().start(() -> Frames.publishSteadily(broker.url(), "pub-sigkill",
          "KZ-0300", T0, seq -> seq <= FRAMES, 100, 50));  // steady, so the kill lands mid-stream
      Await.until("a part of the stream stored", Duration.ofSeconds(180),
          () -> Sql.count(ds, "SELECT count(*) FROM raw_message") >= 300);
      first.destroyForcibly();  // SIGKILL
      assertTrue(first.waitFor(10, TimeUnit.SECONDS));
      long atKill = Sql.count(ds, "SELECT count(*) FROM raw_message");
      publisher.join(60_000);
      assertTrue(atKill < FRAMES, "killed mid-stream (" + atKill + " of " + FRAMES + " stored)");
      Process second = station(config, dir.resolve("second.log"));
      try {
        Await.until("every frame stored after the restart", Duration.ofSeconds(300),
            () -> Sql.count(ds, "SELECT count(*) FROM raw_message") == FRAMES);
      } finally {
        second.destroy();
        second.waitFor(20, TimeUnit.SECONDS);
      }
      assertEquals(FRAMES, Sql.count(ds, "SELECT count(DISTINCT sequence) FROM raw_message"));
      assertEquals(FRAMES, Sql.count(ds, "SELECT count(*) FROM frame_second"));
      assertEquals(FRAMES, Sql.count(ds, "SELECT received FROM boot"));
      assertEquals(0, Sql.count(ds, "SELECT count(*) FROM gap WHERE closed IS NULL"));
    }
  }

  private static Process station(Path config, Path log) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.locolink.ground.Main", "ground",
        "--config", config.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static void awaitLog(Path log, String text) throws InterruptedException {
    Await.until("'" + text + "' in " + log, Duration.ofSeconds(180), () -> {
      try {
        return Files.exists(log) && Files.readString(log).contains(text);
      } catch (java.io.IOException e) {
        return false;
      }
    });
  }

}
