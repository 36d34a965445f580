package io.locolink.ground.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.config.JournalConfig;
import io.locolink.gateway.config.MqttConfig;
import io.locolink.gateway.framing.StatusCodec;
import io.locolink.gateway.framing.StreamKind;
import io.locolink.gateway.journal.Journal;
import io.locolink.gateway.uplink.LinkState;
import io.locolink.gateway.uplink.Uplink;
import io.locolink.gateway.uplink.Uplinks;
import io.locolink.ground.testing.AckGate;
import io.locolink.ground.testing.Await;
import io.locolink.ground.testing.Frames;
import io.locolink.ground.testing.Sql;
import io.locolink.ground.testing.TestPostgres;
import io.locolink.testing.MosquittoBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real gateway journal and uplink behind a link that goes down for an hour of frames: when the
 * link returns, the live frame comes first (opening a gap) and the backlog follows flagged
 * historical, landing at its own times and closing the gap.
 */
class GatewayBacklogTest {

  private static final String LOCO = "KZ-0400";
  private static final long BOOT = 0x4000;
  /** Yesterday 00:00 UTC: recent enough that the station's retention keeps it. */
  private static final long T0 = (System.currentTimeMillis() / 86_400_000L - 1) * 86_400_000L;
  private static final int LIVE_BEFORE = 10;
  private static final int HOUR = 3600;

  @TempDir
  Path dir;

  @Test
  void anOutagesBacklogArrivesFlaggedHistoricalAndClosesItsGap() throws Exception {
    String jdbc = TestPostgres.freshDatabase();
    try (MosquittoBroker broker = MosquittoBroker.startPlain(); AckGate link = new AckGate(broker.port());
        GroundStation station = GroundStation.start(new StationConfig(dir.resolve("state"),
            new StationConfig.Broker(broker.url(), null, null, null, null, null, null, null, null, null),
            new StationConfig.Database(jdbc, "postgres", null), new StationConfig.Http(null, 0), null, null, null, null),
            List.of());
        Journal journal = Journal.open(dir.resolve("journal"), JournalConfig.defaults(), InstantSource.system())) {
      assertTrue(station.ingest().awaitSubscribed(30, TimeUnit.SECONDS));
      // A backlog paced at 20 kB/s takes seconds to drain, so the live frame overtakes it.
      MqttConfig mqtt = new MqttConfig(link.url(), null, null, null, null, null, 1, 64, 20_000L,
          new MqttConfig.Reconnect(50, 400), 5, 2, 60, false);
      Uplink uplink = Uplinks.mqtt(mqtt, LOCO, journal, new StatusCodec(LOCO, BOOT, "test", Instant.now(),
          List::of)::encode, InstantSource.system(), new SplittableRandom(1));
      try {
        uplink.start();
        Await.until("uplink online", Duration.ofSeconds(30), () -> uplink.link().state() == LinkState.ONLINE);
        var ds = station.dataSource();
        for (int i = 0; i < LIVE_BEFORE; i++) {
          append(journal, T0 + i * 1000L);
        }
        Await.until("live frames stored", Duration.ofSeconds(30),
            () -> Sql.count(ds, "SELECT count(*) FROM raw_message WHERE stream = 1") == LIVE_BEFORE);
        link.open(false);
        Await.until("uplink offline", Duration.ofSeconds(30), () -> uplink.link().state() != LinkState.ONLINE);
        for (int i = 0; i < HOUR; i++) {
          append(journal, T0 + (LIVE_BEFORE + i) * 1000L);
        }
        link.open(true);
        Await.until("uplink online", Duration.ofSeconds(30), () -> uplink.link().state() == LinkState.ONLINE);
        append(journal, T0 + (LIVE_BEFORE + HOUR) * 1000L);
        int total = LIVE_BEFORE + HOUR + 1;
        Await.until("every frame stored", Duration.ofSeconds(120),
            () -> Sql.count(ds, "SELECT count(*) FROM raw_message WHERE stream = 1") == total);
        assertEquals(HOUR, Sql.count(ds, "SELECT count(*) FROM frame_second WHERE flags & 1 = 1"));
        assertEquals(HOUR, Sql.count(ds, "SELECT count(*) FROM raw_message WHERE historical"));
        // Each backlog frame landed at its own second of the outage hour.
        assertEquals(HOUR, Sql.count(ds, "SELECT count(DISTINCT time) FROM frame_second WHERE flags & 1 = 1 AND time "
            + ">= to_timestamp(" + (T0 / 1000 + LIVE_BEFORE) + ") AND time < to_timestamp(" + (T0 / 1000 + LIVE_BEFORE
            + HOUR) + ")"));
        assertTrue(Sql.count(ds, "SELECT count(*) FROM gap") >= 1, "the live frame opened a gap");
        assertEquals(0, Sql.count(ds, "SELECT count(*) FROM gap WHERE closed IS NULL OR missing <> 0"));
        assertEquals(total, Sql.count(ds, "SELECT received FROM boot WHERE boot_id = " + BOOT));
      } finally {
        uplink.close();
      }
    }
  }

  private static void append(Journal journal, long timeMs) throws Exception {
    long seq = journal.nextSequence();
    journal.append(StreamKind.TELEMETRY, seq, Frames.telemetry(LOCO, BOOT, seq, timeMs, new int[] {70000, 70010},
        new int[] {100, 120}, 500).toByteArray());
  }
}
