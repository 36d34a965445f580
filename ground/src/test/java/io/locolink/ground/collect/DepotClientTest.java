package io.locolink.ground.collect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.config.DepotConfig;
import io.locolink.gateway.depot.DepotFixture;
import io.locolink.gateway.trips.FinishedTrip;
import io.locolink.proto.v1.EnergyRecord;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.config.CoapConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The ground's depot client against a real depot server over DTLS-PSK on loopback. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DepotClientTest {

  @TempDir static Path dir;
  DepotFixture gateway;

  @BeforeAll
  void start() throws Exception {
    gateway = new DepotFixture(dir, 2, 900,
        new DepotConfig(null, null, null, "unused", null, null, null, 100, null, null));
  }

  @AfterAll
  void stop() {
    gateway.close();
  }

  private DepotClient dtlsClient(String identity, String secret) {
    return DepotClient.connect(gateway.coapsUri(), identity, secret.getBytes(StandardCharsets.UTF_8),
        Duration.ofSeconds(2));
  }

  @Test
  void clientKeepsNoDeduplicatorAndNoMessageIdTracker() {
    assertEquals(CoapConfig.NO_DEDUPLICATOR, ClientCoapSetup.client().get(CoapConfig.DEDUPLICATOR));
    assertEquals(CoapConfig.TrackerMode.NULL, ClientCoapSetup.client().get(CoapConfig.MID_TRACKER));
  }

  @Test
  void listsTripsOverDtlsWithSizeAndSha256OfTheFiles() throws Exception {
    try (DepotClient client = dtlsClient(DepotFixture.IDENTITY, DepotFixture.SECRET)) {
      List<TripListing> list = client.listTrips();
      assertEquals(2, list.size());
      for (int i = 0; i < 2; i++) {
        FinishedTrip trip = gateway.trips.get(i);
        Path file = gateway.logFile(trip);
        assertEquals(trip.info().id().value(), list.get(i).id());
        assertEquals(Files.size(file), list.get(i).sizeBytes());
        // SHA-256 of the file (FIPS 180-4) straight from the JDK, lowercase hex
        assertEquals(java.util.HexFormat.of().formatHex(
            java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))), list.get(i).sha256());
        assertEquals(trip.info().start(), list.get(i).start());
      }
    }
  }

  @Test
  void downloadsALogBlockwiseOverDtlsByteForByte() throws Exception {
    FinishedTrip trip = gateway.trips.get(1);
    Path part = dir.resolve("dl.part");
    try (DepotClient client = dtlsClient(DepotFixture.IDENTITY, DepotFixture.SECRET)) {
      TripListing listing = client.listTrips().get(1);
      assertTrue(listing.sizeBytes() > 4 * 1024, "log spans several blocks: " + listing.sizeBytes());
      client.downloadLog(listing, part, 4, (w, t) -> true);
    }
    assertArrayEquals(Files.readAllBytes(gateway.logFile(trip)), Files.readAllBytes(part));
  }

  @Test
  void aLargeEnergyAnswerArrivesInManyBlocksThroughOurClient() throws Exception {
    Instant day = Instant.parse("2026-10-01T00:00:00Z");
    for (int i = 1; i <= 288; i++) {
      Instant end = day.plusSeconds(300L * i);
      gateway.energy.append(io.locolink.testing.SyntheticTrip.energy(end, i, 0, 0).toByteArray(), end);
    }
    try (DepotClient client = dtlsClient(DepotFixture.IDENTITY, DepotFixture.SECRET)) {
      byte[] body = client.get("/energy?from=" + day.getEpochSecond() + "&to=" + day.plusSeconds(86_400).getEpochSecond(),
          MediaTypeRegistry.UNDEFINED);
      assertTrue(body.length > 8 * 1024, "several blocks: " + body.length);
      List<EnergyRecord> records = new ArrayList<>();
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      for (EnergyRecord e; (e = EnergyRecord.parseDelimitedFrom(in)) != null; ) {
        records.add(e);
      }
      assertEquals(288, records.size(), "one day of 5-minute periods");
      assertEquals(288, records.get(287).getConsumedWh());
    }
  }

  @Test
  void wrongKeyFailsTheHandshakeAndGetsNoData() {
    try (DepotClient client = dtlsClient(DepotFixture.IDENTITY, "d3Jvbmcta2V5LXdyb25nLWtleS13cm9uZw==")) {
      DepotTransferException e = assertThrows(DepotTransferException.class, client::listTrips);
      assertTrue(e.getMessage().contains("handshake") || e.getMessage().contains("no answer"), e.getMessage());
    }
    try (DepotClient client = dtlsClient("unknown-depot", DepotFixture.SECRET)) {
      assertThrows(DepotTransferException.class, client::listTrips);
    }
  }
}
