package io.locolink.ground.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.ground.testing.Await;
import io.locolink.ground.testing.Frames;
import io.locolink.ground.testing.Sql;
import io.locolink.ground.testing.TestPostgres;
import io.locolink.testing.MosquittoBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retained statuses against a real Mosquitto: a status published live matches both the shared
 * subscription and the plain status subscription, so the broker sends it to a station twice (and to
 * each further station of the group once more). It is stored once and counted neither as a duplicate
 * nor twice as stored; a retained status still arrives for a new subscription, and not again when a
 * station resumes its session.
 */
class StatusCopiesTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  /** Yesterday 00:00 UTC: recent enough that the station's retention keeps it. */
  private static final long T0 = (System.currentTimeMillis() / 86_400_000L - 1) * 86_400_000L;
  private static final String STATUSES = "SELECT count(*) FROM raw_message WHERE stream = 4";
  private static final String FRAMES = "SELECT count(*) FROM raw_message WHERE stream = 1";

  @TempDir
  Path dir;

  private static StationConfig config(Path stateDir, String brokerUrl, String jdbcUrl) {
    return new StationConfig(stateDir, new StationConfig.Broker(brokerUrl, "ground", null, null, null, null, null, null,
        null, null), new StationConfig.Database(jdbcUrl, "postgres", null), new StationConfig.Http(null, 0), null, null,
        null, null);
  }

  /** Publishes one status of {@code loco} at {@code timeMs}, retained, QoS 1, as a gateway does. */
  private static void publishStatus(String brokerUrl, String loco, long timeMs) throws Exception {
    MqttClient publisher = new MqttClient(brokerUrl, "pub-" + loco + "-" + timeMs, new MemoryPersistence());
    publisher.connect();
    publisher.publish("locolink/v1/" + loco + "/status", Frames.status(loco, 9, timeMs, true).toByteArray(), 1, true);
    publisher.disconnect();
    publisher.close();
  }

  /**
   * Publishes telemetry frame {@code seq} of {@code loco}: the broker sends it after every copy of what was
   * published before, and the station acknowledges in arrival order, so once it is acknowledged so is every
   * earlier delivery.
   */
  private static void publishLast(String brokerUrl, String loco, int seq) throws Exception {
    MqttClient publisher = new MqttClient(brokerUrl, "pub-" + loco + "-frame-" + seq, new MemoryPersistence());
    publisher.connect();
    publisher.publish("locolink/v1/" + loco + "/telemetry", Frames.telemetry(loco, 9, seq, T0 + seq * 1000L,
        new int[] {70000, 70010}, new int[] {100, 120}, 500).toByteArray(), 1, false);
    publisher.disconnect();
    publisher.close();
  }

  private static boolean allAcknowledged(GroundStation station, long frames) {
    var stats = station.ingest().stats();
    return Sql.count(station.dataSource(), FRAMES) == frames && stats.acknowledged() == stats.received();
  }

  @Test
  void aLiveStatusIsStoredOnceWithoutADuplicateAndARetainedOneArrivesOnlyForANewSubscription() throws Exception {
    String jdbc = TestPostgres.freshDatabase();
    try (MosquittoBroker broker = MosquittoBroker.startPlain()) {
      publishStatus(broker.url(), "KZ-0300", T0 + 1_000);  // retained before any station subscribed
      try (GroundStation station = GroundStation.start(config(dir.resolve("a"), broker.url(), jdbc), List.of())) {
        assertTrue(station.ingest().awaitSubscribed(30, TimeUnit.SECONDS));
        var ds = station.dataSource();
        Await.until("the retained status stored", WAIT, () -> Sql.count(ds, STATUSES) == 1);
        publishStatus(broker.url(), "KZ-0300", T0 + 2_000);
        publishStatus(broker.url(), "KZ-0300", T0 + 3_000);
        publishLast(broker.url(), "KZ-0300", 1);
        Await.until("every delivery acknowledged", WAIT, () -> allAcknowledged(station, 1));
        var stats = station.ingest().stats();
        assertEquals(3, Sql.count(ds, STATUSES));
        assertEquals(0, stats.duplicates());
        assertEquals(4, stats.stored());
        // Each live status through both subscriptions (the retained one through one or, with
        // Mosquitto 2.0, both): every copy beyond the one stored is counted as a status copy.
        assertTrue(stats.received() >= 6, "received " + stats.received());
        assertEquals(stats.received() - 4, stats.statusCopies());
        // Worked out from what was published: the plain subscription's copy of each of the two live
        // statuses, and of the retained one where the broker also sent it to the shared subscription.
        long copies = stats.statusCopies();
        assertTrue(copies == 2 || copies == 3, "status copies " + copies);
        assertEquals(3_000, Sql.count(ds, "SELECT (extract(epoch FROM time) * 1000)::int8 - " + T0
            + " FROM status_latest"));
      }
      // The same station again: its session kept the plain subscription, so the retained status is not sent
      // again through it (nor stored again from the shared one).
      try (GroundStation station = GroundStation.start(config(dir.resolve("a"), broker.url(), jdbc), List.of())) {
        assertTrue(station.ingest().awaitSubscribed(30, TimeUnit.SECONDS));
        var ds = station.dataSource();
        publishStatus(broker.url(), "KZ-0300", T0 + 4_000);
        publishLast(broker.url(), "KZ-0300", 2);
        Await.until("every delivery acknowledged", WAIT, () -> allAcknowledged(station, 2));
        assertEquals(4, Sql.count(ds, STATUSES));
        assertEquals(0, station.ingest().stats().duplicates());
        assertEquals(2, station.ingest().stats().stored());
      }
    }
  }

  @Test
  void twoStationsStoreEachLiveStatusOnceAndCountNoDuplicate() throws Exception {
    String jdbc = TestPostgres.freshDatabase();
    try (MosquittoBroker broker = MosquittoBroker.startPlain();
        GroundStation a = GroundStation.start(config(dir.resolve("a"), broker.url(), jdbc), List.of());
        GroundStation b = GroundStation.start(config(dir.resolve("b"), broker.url(), jdbc), List.of())) {
      assertTrue(a.ingest().awaitSubscribed(30, TimeUnit.SECONDS));
      assertTrue(b.ingest().awaitSubscribed(30, TimeUnit.SECONDS));
      for (int i = 0; i < 10; i++) {
        publishStatus(broker.url(), "KZ-031" + i, T0 + 1_000);
      }
      // Each status: once through the shared subscription (to one of the two), once through each plain one.
      Await.until("all 30 deliveries acknowledged", WAIT,
          () -> a.ingest().stats().acknowledged() + b.ingest().stats().acknowledged() >= 30);
      assertEquals(10, Sql.count(a.dataSource(), STATUSES));
      assertEquals(10, a.ingest().stats().stored() + b.ingest().stats().stored());
      assertEquals(0, a.ingest().stats().duplicates() + b.ingest().stats().duplicates());
      assertEquals(20, a.ingest().stats().statusCopies() + b.ingest().stats().statusCopies());
    }
  }
}
