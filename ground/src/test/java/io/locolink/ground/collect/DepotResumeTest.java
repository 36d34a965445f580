package io.locolink.ground.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.config.DepotConfig;
import io.locolink.gateway.config.TripsConfig;
import io.locolink.gateway.depot.DepotFixture;
import io.locolink.gateway.depot.DepotServer;
import io.locolink.gateway.archive.EnergyStore;
import io.locolink.gateway.trips.TestTrips;
import io.locolink.gateway.trips.TripInfo;
import io.locolink.gateway.trips.TripStore;
import io.locolink.ground.store.StationDatabase;
import io.locolink.ground.testing.Await;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A transfer broken mid-way by the depot server going away resumes from the bytes on disk, and the SHA-256 matches. */
class DepotResumeTest {

  @Test
  void aDownloadCutByAKilledServerResumesFromItsPartialFile(@TempDir Path dir) throws Exception {
    TripsConfig tc = TripsConfig.defaults().withDirectory(dir.resolve("gw"));
    TripStore trips = TripStore.open(tc.tripsDirectory(null), 1L << 31);
    EnergyStore energy = EnergyStore.open(tc.energyDirectory(null), 60);
    TripInfo trip = TestTrips.writeLargeTrip(trips, Instant.parse("2026-11-20T06:00:00Z"), 8L << 20, 7);
    Path gatewayKeys = DepotFixture.writeKeyFile(dir.resolve("psk"), DepotFixture.IDENTITY + ":" + DepotFixture.SECRET
        + "\n");
    int port;
    try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      port = probe.getLocalPort();
    }
    DepotConfig config = DepotConfig.defaults().with(gatewayKeys, "127.0.0.1", port, null);
    Path keys = Files.createDirectories(dir.resolve("keys"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    DepotFixture.writeKeyFile(keys.resolve(DepotFixture.IDENTITY), DepotFixture.SECRET + "\n");
    DepotEndpoint endpoint = new DepotEndpoint("KZ-R", "127.0.0.1", port, List.of(DepotFixture.IDENTITY));
    LogStore logs = new LogStore(dir.resolve("station"));

    try (StationDatabase db = StationDatabase.embedded(dir.resolve("db"));
        DepotCollector collector = new DepotCollector(() -> Map.of("KZ-R", endpoint), new DepotKeyStore(keys), logs,
            new CollectionStore(db.dataSource()),
            new DepotCollector.Settings(Duration.ofHours(1), 2, 1, Duration.ofSeconds(2), Duration.ofDays(1)),
            Clock.systemUTC())) {
      DepotServer server = DepotServer.create(config, trips, energy, Clock.systemUTC());
      server.start();
      CompletableFuture<List<DepotCollector.Result>> first = CompletableFuture.supplyAsync(() -> {
        try {
          return collector.collectNow();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      Path part = dir.resolve("station").resolve("partial").resolve("KZ-R")
          .resolve(trip.id() + "." + trip.sha256Hex().substring(0, 16) + ".part");
      Await.until("a first MiB downloaded", Duration.ofSeconds(60),
          () -> Files.exists(part) && part.toFile().length() >= 1 << 20);
      server.close();  // the gateway goes away in the middle of the transfer
      DepotCollector.Result cut = first.get(60, TimeUnit.SECONDS).get(0);
      assertFalse(cut.ok(), "the round reports the broken transfer");
      long kept = Files.size(part);
      assertTrue(kept >= 1 << 20 && kept < trip.sizeBytes(), "part of the log kept for resume: " + kept);
      assertFalse(logs.has(trip.sha256Hex()), "never a partial log under its hash");

      DepotServer again = DepotServer.create(config, trips, energy, Clock.systemUTC());
      again.start();
      try {
        DepotCollector.Result resumed = collector.collectNow().get(0);
        assertTrue(resumed.ok(), resumed.toString());
        assertEquals(1, resumed.tripsCollected());
        assertTrue(resumed.resumedBytes() >= kept / 1024 * 1024 - 1024, "resumed, not started over: " + resumed);
      } finally {
        again.close();
      }
      assertFalse(Files.exists(part));
      Path stored = logs.log(trip.sha256Hex());
      Path original = tc.tripsDirectory(null).resolve(trip.id() + ".llt");
      assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(original))),
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(stored))));
    }
  }
}
