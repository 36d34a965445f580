package io.locolink.ground.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.ground.store.FleetEntry;
import io.locolink.ground.store.FleetQueries;
import io.locolink.ground.testing.AckGate;
import io.locolink.ground.testing.Await;
import io.locolink.ground.testing.Frames;
import io.locolink.ground.testing.TestPostgres;
import io.locolink.testing.MosquittoBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A station that restarts against a real Mosquitto and PostgreSQL: the broker held what was published
 * meanwhile for the station's session and hands it over in a burst once the station is back. A
 * locomotive that went silent while the station was away is not shown fresh for those frames, whether
 * its gateway dropped off the broker (its last will says offline, even stamped as its status before) or
 * stayed connected; one still sending is shown fresh by the frames it sends once the station is back.
 */
class StationRestartFreshnessTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  /** Yesterday 00:00 UTC: recent enough that the station's retention keeps it. */
  private static final long T0 = (System.currentTimeMillis() / 86_400_000L - 1) * 86_400_000L;
  private static final String DROPPED = "KZ-0601";
  private static final String QUIET = "KZ-0602";
  private static final String SENDING = "KZ-0603";
  private static final int FRAMES = 5;

  @TempDir
  Path dir;

  @Test
  void framesTheBrokerHeldWhileTheStationWasAwayKeepNoLocomotiveFresh() throws Exception {
    String jdbc = TestPostgres.freshDatabase();
    Path state = dir.resolve("station");
    AtomicBoolean sending = new AtomicBoolean(true);
    AtomicLong sentLast = new AtomicLong();
    Thread sender = null;
    try (MosquittoBroker broker = MosquittoBroker.startPlain(); AckGate droppedLink = new AckGate(broker.port())) {
      try (GroundStation station = GroundStation.start(config(state, broker.url(), jdbc), List.of())) {
        assertTrue(station.ingest().awaitSubscribed(30, TimeUnit.SECONDS));
      }
      // The station is away; its session on the broker collects what the gateways publish.
      MqttClient dropped = gateway(droppedLink.url(), DROPPED);
      MqttClient quiet = gateway(broker.url(), QUIET);
      sender = Thread.ofPlatform().daemon().start(() -> sendUntil(broker.url(), sending, sentLast));
      for (MqttClient g : List.of(dropped, quiet)) {
        String loco = g.getClientId();
        // Stamped with the time of its last will, as a gateway whose clock stands still stamps both: one key
        // to the store, yet the will that follows is news.
        g.publish("locolink/v1/" + loco + "/status", Frames.status(loco, 9, T0, true).toByteArray(), 1, true);
        for (int seq = 1; seq <= FRAMES; seq++) {
          g.publish("locolink/v1/" + loco + "/telemetry", Frames.telemetry(loco, 9, seq, T0 + seq * 1000L,
              new int[] {70000, 70010}, new int[] {100, 120}, 500 + seq).toByteArray(), 1, false);
        }
      }
      droppedLink.cut();  // its link is gone: the broker publishes its last will
      Await.until("frames queued for the sending locomotive", WAIT, () -> sentLast.get() >= 3);

      try (GroundStation station = GroundStation.start(config(state, broker.url(), jdbc), List.of())) {
        assertTrue(station.ingest().awaitSubscribed(30, TimeUnit.SECONDS));
        FleetQueries fleet = new FleetQueries(station.dataSource());
        // The held frames are stored and shown as the newest values (the latest row is rewritten within 2 s).
        Await.until("the held frames shown", WAIT, () -> shows(fleet, DROPPED, "OFFLINE") && shows(fleet, QUIET,
            "ONLINE"));
        FleetEntry droppedEntry = entry(fleet, DROPPED);
        FleetEntry quietEntry = entry(fleet, QUIET);
        assertEquals(new java.math.BigDecimal("50.5"), quietEntry.values().get("soc"));
        assertTrue(droppedEntry.stale(), "a locomotive whose gateway dropped off while the station was away: "
            + droppedEntry);
        assertTrue(quietEntry.stale(), "a locomotive that went silent while the station was away: " + quietEntry);
        // What the two published while the station was away: a status and the frames each, and the last will.
        assertTrue(station.ingest().stats().held() >= 2 * (1 + FRAMES) + 1, "held " + station.ingest().stats().held());

        // Frames sent once the station is back keep the sending locomotive fresh.
        long backAt = sentLast.get();
        Await.until("the sending locomotive fresh", WAIT, () -> {
          FleetEntry e = entry(fleet, SENDING);
          return e != null && !e.stale() && e.lastSeen().toEpochMilli() > T0 + backAt * 1000L;
        });
        assertTrue(entry(fleet, QUIET).stale(), "still stale: " + entry(fleet, QUIET));
      } finally {
        sending.set(false);
        sender.join(10_000);
        quiet.disconnect();
        quiet.close();
        dropped.close(true);
      }
    }
  }

  private static StationConfig config(Path stateDir, String brokerUrl, String jdbcUrl) {
    return new StationConfig(stateDir, new StationConfig.Broker(brokerUrl, "ground", null, null, null, null, null, null,
        null, null), new StationConfig.Database(jdbcUrl, "postgres", null), new StationConfig.Http(null, 0), null, null,
        null, null);
  }

  /** A gateway's connection: client id the locomotive's, a retained offline status as its last will. */
  private static MqttClient gateway(String url, String loco) throws Exception {
    MqttClient client = new MqttClient(url, loco, new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setMaxInflight(1000);
    options.setWill("locolink/v1/" + loco + "/status", Frames.status(loco, 9, T0, false).toByteArray(), 1, true);
    client.connect(options);
    return client;
  }

  /** A gateway that keeps sending, a frame every 200 ms, its clock one second a frame; {@code last} its sequence. */
  private static void sendUntil(String url, AtomicBoolean more, AtomicLong last) {
    try {
      MqttClient client = gateway(url, SENDING);
      for (long seq = 1; more.get(); seq++) {
        client.publish("locolink/v1/" + SENDING + "/telemetry", Frames.telemetry(SENDING, 9, seq, T0 + seq * 1000L,
            new int[] {70000, 70010}, new int[] {100, 120}, 600).toByteArray(), 1, false);
        last.set(seq);
        Thread.sleep(200);
      }
      client.disconnect();
      client.close();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** True once the locomotive is listed with its last held frame's values and the given link. */
  private static boolean shows(FleetQueries fleet, String loco, String link) {
    FleetEntry e = entry(fleet, loco);
    return e != null && link.equals(e.link()) && e.lastSeen() != null
        && e.lastSeen().toEpochMilli() == T0 + FRAMES * 1000L;
  }

  private static FleetEntry entry(FleetQueries fleet, String loco) {
    try {
      return fleet.snapshot(Instant.now()).stream().filter(e -> e.locomotive().equals(loco)).findFirst().orElse(null);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
