package io.locolink.gateway.uplink;

import static io.locolink.gateway.uplink.UplinkFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.config.JournalConfig;
import io.locolink.gateway.journal.Journal;
import io.locolink.gateway.framing.StreamKind;
import io.locolink.proto.v1.EnergyRecord;
import io.locolink.proto.v1.TelemetryFrame;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InProcessUplinkTest {

  @TempDir Path dir;

  @Test
  void heldRecordsComeFlaggedHistoricalAndNewOnesLiveAndAllLeaveTheJournal() throws Exception {
    try (Journal j = Journal.open(dir, JournalConfig.defaults(), InstantSource.system())) {
      long held = j.nextSequence();
      j.append(StreamKind.ENERGY, held, Synthetic.message(StreamKind.ENERGY, "T1", 1, held, 0, 0));
      List<Delivery> got = new CopyOnWriteArrayList<>();
      try (Uplink up = Uplinks.inProcess(j, "T1", got::add, InstantSource.system())) {
        up.start();
        await("backlog delivered", Duration.ofSeconds(10), () -> got.size() == 1);
        long live = j.nextSequence();
        j.append(StreamKind.TELEMETRY, live, Synthetic.message(StreamKind.TELEMETRY, "T1", 1, live, 0, 3));
        await("live delivered", Duration.ofSeconds(10), () -> got.size() == 2);
        await("journal empty", Duration.ofSeconds(10), () -> j.stats().queueDepthRecords() == 0);
      }
      assertEquals("locolink/v1/T1/energy", got.get(0).topic());
      assertTrue(EnergyRecord.parseFrom(got.get(0).payload()).getHeader().getHistorical());
      assertEquals("locolink/v1/T1/telemetry", got.get(1).topic());
      assertFalse(TelemetryFrame.parseFrom(got.get(1).payload()).getHeader().getHistorical());
    }
  }

  /** One send policy for both uplinks: a link listener that throws is logged, and sending goes on. */
  @Test
  void aLinkListenerThatThrowsDoesNotStopTheUplink() throws Exception {
    try (Journal j = Journal.open(dir, JournalConfig.defaults(), InstantSource.system())) {
      List<Delivery> got = new CopyOnWriteArrayList<>();
      try (Uplink up = Uplinks.inProcess(j, "T1", got::add, InstantSource.system())) {
        up.addLinkListener(e -> {
          throw new IllegalStateException("listener bug");
        });
        up.start();
        await("online despite the listener", Duration.ofSeconds(10), () -> up.link().state() == LinkState.ONLINE);
        long seq = j.nextSequence();
        j.append(StreamKind.ENERGY, seq, Synthetic.message(StreamKind.ENERGY, "T1", 1, seq, 0, 0));
        await("delivered", Duration.ofSeconds(10), () -> got.size() == 1);
      }
      assertEquals(0, j.stats().queueDepthRecords());
    }
  }
}
