package io.locolink.ground.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.ground.testing.AckGate;
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
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once against a broker that redelivers: acknowledgements that never reached the broker
 * bring every committed message back, and the store keeps one copy; two stations on one shared
 * subscription split the messages and together store each once.
 */
class ExactlyOnceTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  /** Yesterday 00:00 UTC: recent enough that the station's retention keeps it. */
  private static final long T0 = (System.currentTimeMillis() / 86_400_000L - 1) * 86_400_000L;

  @TempDir
  Path dir;

  private static StationConfig config(Path stateDir, String brokerUrl, String jdbcUrl) {
    return new StationConfig(stateDir, new StationConfig.Broker(brokerUrl, "ground", null, null, null, null, null, null,
        null, null), new StationConfig.Database(jdbcUrl, "postgres", null), new StationConfig.Http(null, 0), null, null, null, null);
  }

  private static void publishFrames(String brokerUrl, String loco, int count) throws Exception {
    MqttClient publisher = new MqttClient(brokerUrl, "pub-" + loco, new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setMaxInflight(1000);
    publisher.connect(options);
    for (int seq = 1; seq <= count; seq++) {
      publisher.publish("locolink/v1/" + loco + "/telemetry", Frames.telemetry(loco, 9, seq, T0 + seq * 1000L,
          new int[] {70000, 70010}, new int[] {100, 120}, 500).toByteArray(), 1, false);
    }
    publisher.disconnect();
    publisher.close();
  }

  @Test
  void messagesCommittedButNeverAcknowledgedComeBackAndAreStoredOnce() throws Exception {
    String jdbc = TestPostgres.freshDatabase();
    try (MosquittoBroker broker = MosquittoBroker.startPlain(); AckGate gate = new AckGate(broker.port());
        GroundStation station = GroundStation.start(config(dir.resolve("a"), gate.url(), jdbc), List.of())) {
      assertTrue(station.ingest().awaitSubscribed(30, TimeUnit.SECONDS));
      gate.swallowUpstream(true);  // the station's PUBACKs never reach the broker
      publishFrames(broker.url(), "KZ-0100", 300);
      var ds = station.dataSource();
      Await.until("300 frames committed", WAIT, () -> Sql.count(ds, "SELECT count(*) FROM raw_message") == 300);
      assertEquals(0, station.ingest().stats().duplicates());
      gate.cut();  // as a crash after commit and before the acknowledgements left
      gate.swallowUpstream(false);
      Await.until("the broker redelivered what was never acknowledged", WAIT,
          () -> station.ingest().stats().duplicates() >= 300);
      assertEquals(300, Sql.count(ds, "SELECT count(*) FROM raw_message"));
      assertEquals(300, Sql.count(ds, "SELECT count(*) FROM frame_second"));
      // The station rolls each minute up a few seconds after its last second arrived, from the stored seconds.
      Await.until("the per-minute rollups", WAIT, () -> Sql.count(ds, "SELECT count(*) FROM minute_log") == 0);
      assertEquals(300, Sql.count(ds, "SELECT sum(seconds) FROM frame_minute"));
      assertEquals(0, Sql.count(ds, "SELECT count(*) FROM gap"));
      assertEquals(300, Sql.count(ds, "SELECT received FROM boot"));
    }
  }

  @Test
  void twoStationsOnOneSharedSubscriptionSplitTheMessagesAndStoreEachOnce() throws Exception {
    String jdbc = TestPostgres.freshDatabase();
    try (MosquittoBroker broker = MosquittoBroker.startPlain();
        GroundStation a = GroundStation.start(config(dir.resolve("a"), broker.url(), jdbc), List.of());
        GroundStation b = GroundStation.start(config(dir.resolve("b"), broker.url(), jdbc), List.of())) {
      assertTrue(a.ingest().awaitSubscribed(30, TimeUnit.SECONDS));
      assertTrue(b.ingest().awaitSubscribed(30, TimeUnit.SECONDS));
      for (int i = 0; i < 4; i++) {
        publishFrames(broker.url(), "KZ-020" + i, 250);
      }
      var ds = a.dataSource();
      Await.until("1000 frames stored", WAIT, () -> Sql.count(ds, "SELECT count(*) FROM raw_message") == 1000);
      // a station counts a batch once its commit returned, a moment after the rows became visible
      Await.until("both stations counted their commits", WAIT,
          () -> a.ingest().stats().stored() + b.ingest().stats().stored() >= 1000);
      long storedA = a.ingest().stats().stored();
      long storedB = b.ingest().stats().stored();
      assertTrue(storedA > 0 && storedB > 0, "both stations took a share: " + storedA + " and " + storedB);
      assertEquals(1000, storedA + storedB);
      assertEquals(1000, Sql.count(ds, "SELECT count(*) FROM frame_second"));
      assertEquals(0, Sql.count(ds, "SELECT count(*) FROM gap WHERE closed IS NULL"));
      assertEquals(1000, Sql.count(ds, "SELECT sum(received) FROM boot"));
    }
  }
}
