package io.locolink.gateway.depot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.config.DepotConfig;
import io.locolink.gateway.config.TripsConfig;
import io.locolink.gateway.trips.EnergyStore;
import io.locolink.gateway.trips.TestTrips;
import io.locolink.gateway.trips.TripInfo;
import io.locolink.gateway.trips.TripStore;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The depot server runs without a deduplicator (see {@link CoapSetup}). Serving a log keeps no
 * per-block state: the heap after several downloads is what it was before. With Californium's
 * default MARK_AND_SWEEP the same downloads keep every exchange for 247 s, several KiB per
 * 1 KiB block; the control case shows the test would catch that.
 */
class DepotDeduplicationTest {

  static final long LOG_BYTES = 2L << 20;
  static final int DOWNLOADS = 3;

  @TempDir Path dir;

  @Test
  void serverIsConfiguredWithoutADeduplicator() {
    assertEquals(CoapConfig.NO_DEDUPLICATOR, CoapSetup.server(1024).get(CoapConfig.DEDUPLICATOR));
    assertEquals(CoapConfig.NO_DEDUPLICATOR, CoapSetup.client().get(CoapConfig.DEDUPLICATOR));
  }

  @Test
  void downloadsLeaveNoHeapBehindWithoutDeduplicatorButDoWithMarkAndSweep() throws Exception {
    long without = retainedAfterDownloads(CoapSetup.server(1024), "a");
    Configuration markAndSweep = CoapSetup.server(1024);
    markAndSweep.set(CoapConfig.DEDUPLICATOR, CoapConfig.DEDUPLICATOR_MARK_AND_SWEEP);
    long with = retainedAfterDownloads(markAndSweep, "b");
    long blocks = DOWNLOADS * (LOG_BYTES / 1024);
    System.out.printf("retained: without %d KiB, mark-and-sweep %d KiB%n", without >> 10, with >> 10);
    assertTrue(without < 8L << 20, "without deduplicator retained " + (without >> 20) + " MiB");
    assertTrue(with > blocks * 1024, "control: MARK_AND_SWEEP retained only " + (with >> 20) + " MiB; the test"
        + " would not see the difference");
  }

  private long retainedAfterDownloads(Configuration cfg, String name) throws Exception {
    Path base = dir.resolve(name);
    TripsConfig tripsConfig = TripsConfig.defaults().withDirectory(base);
    TripStore store = TripStore.open(tripsConfig.tripsDirectory(null), 1L << 30);
    TripInfo trip = TestTrips.writeLargeTrip(store, Instant.parse("2026-11-20T06:00:00Z"), LOG_BYTES, 1);
    Path keys = DepotFixture.writeKeyFile(base.resolve("psk"), "d:" + DepotFixture.SECRET + "\n");
    DepotConfig config = DepotConfig.defaults().with(keys, "127.0.0.1", 0, null);
    try (DepotServer server = DepotServer.create(config, store, EnergyStore.open(tripsConfig.energyDirectory(null), 60),
        Clock.systemUTC(), cfg)) {
      server.start();
      java.net.URI uri = java.net.URI.create("coaps://127.0.0.1:" + server.dtlsAddress().getPort());
      try (DepotClient client = DepotClient.connect(uri, "d", DepotFixture.SECRET.getBytes(StandardCharsets.UTF_8),
          Duration.ofSeconds(10))) {
        TripListing listing = client.listTrips().get(0);
        download(client, listing, base.resolve("warm.part"));
        long before = usedHeapAfterGc();
        for (int i = 0; i < DOWNLOADS; i++) {
          download(client, listing, base.resolve("dl" + i + ".part"));
        }
        long after = usedHeapAfterGc();
        return after - before;
      }
    }
  }

  private static void download(DepotClient client, TripListing listing, Path part) throws Exception {
    client.downloadLog(listing, part, 8, (w, t) -> true);
    assertEquals(listing.sizeBytes(), Files.size(part));
    Files.delete(part);
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
