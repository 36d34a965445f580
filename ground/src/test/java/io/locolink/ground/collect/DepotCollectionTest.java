package io.locolink.ground.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.locolink.gateway.config.DepotConfig;
import io.locolink.gateway.depot.DepotFixture;
import io.locolink.gateway.trips.FinishedTrip;
import io.locolink.ground.station.GroundStation;
import io.locolink.ground.station.StationConfig;
import io.locolink.ground.testing.Await;
import io.locolink.proto.v1.DepotServerState;
import io.locolink.proto.v1.EnergyRecord;
import io.locolink.proto.v1.Header;
import io.locolink.proto.v1.LinkState;
import io.locolink.proto.v1.Status;
import io.locolink.testing.MosquittoBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The station collects by itself: two gateways' depot servers on loopback announce themselves in
 * their retained status on a real Mosquitto; the station (real embedded PostgreSQL) pulls their
 * trip logs and energy records, one with a wrong key is refused and reported while the other is
 * collected, and the API shows the state and serves each collected trip's report and CSV.
 */
class DepotCollectionTest {

  static final Duration WAIT = Duration.ofSeconds(60);
  static final ObjectMapper JSON = new ObjectMapper();

  static void announce(MqttClient publisher, String loco, DepotFixture gw) throws Exception {
    Status status = Status.newBuilder()
        .setHeader(Header.newBuilder().setLocomotiveId(loco).setTimeUnixMs(System.currentTimeMillis()))
        .setLink(LinkState.LINK_ONLINE).setDepotState(DepotServerState.DEPOT_SERVING)
        .setDepotAddress("127.0.0.1").setDepotPort(gw.server.dtlsAddress().getPort())
        .addDepotIdentities(DepotFixture.IDENTITY).build();
    publisher.publish("locolink/v1/" + loco + "/status", status.toByteArray(), 1, true);
  }

  static Path keyStore(Path dir) throws Exception {
    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    return dir;
  }

  static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  static JsonNode get(String url) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), url + ": " + r.body());
    return JSON.readTree(r.body());
  }

  @Test
  void collectsBothGatewaysVerifiedAndReportsAWrongKeyWhileTheOtherIsCollected(@TempDir Path dir) throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.startPlain();
        DepotFixture a = new DepotFixture(dir.resolve("a"), 2, 600, DepotConfig.defaults());
        DepotFixture b = new DepotFixture(dir.resolve("b"), 1, 900, DepotConfig.defaults())) {
      Path keys = keyStore(dir.resolve("keys"));
      // Locomotive A's key under the shared identity; B gets a wrong one of its own (per-locomotive override).
      DepotFixture.writeKeyFile(keys.resolve(DepotFixture.IDENTITY), DepotFixture.SECRET + "\n");
      Files.createDirectories(keys.resolve("KZ-B"));
      DepotFixture.writeKeyFile(keys.resolve("KZ-B").resolve(DepotFixture.IDENTITY),
          "d3Jvbmcta2V5LXdyb25nLWtleS13cm9uZw==\n");
      MqttClient publisher = new MqttClient(broker.url(), "gateways", new MemoryPersistence());
      publisher.connect();
      announce(publisher, "KZ-A", a);
      announce(publisher, "KZ-B", b);

      StationConfig cfg = StationConfig.embedded(dir.resolve("station"), broker.url(), 0)
          .withCollect(new StationConfig.Collect(keys, 3600L, 4, 10L, 62));
      try (GroundStation station = GroundStation.start(cfg, List.of())) {
        DepotCollector collector = station.collector().orElseThrow();
        Await.until("both endpoints announced", WAIT, () -> station.announced().size() == 2);
        Map<String, DepotCollector.Result> round = byLoco(collector.collectNow());
        assertTrue(round.get("KZ-A").ok(), round.toString());
        assertEquals(2, round.get("KZ-A").tripsCollected());
        assertFalse(round.get("KZ-B").ok(), "wrong key refused");

        LogStore logs = new LogStore(dir.resolve("station").resolve("depot"));
        for (FinishedTrip t : a.trips) {
          String sha = sha256(a.logFile(t));
          assertEquals(sha, sha256(logs.log(sha)), "stored by content hash, byte for byte");
          assertTrue(a.recorder.store().collectedAt(t.info().id()).isPresent(), "the gateway got the acknowledgement");
        }
        assertTrue(b.recorder.store().collectedAt(b.trips.get(0).info().id()).isEmpty());

        String api = station.httpUrl() + "/api/v1";
        JsonNode state = get(api + "/collection");
        JsonNode stateA = find(state.get("locomotives"), "KZ-A");
        JsonNode stateB = find(state.get("locomotives"), "KZ-B");
        assertEquals(2, stateA.get("tripsCollected").asInt());
        assertEquals(0, stateA.get("pendingTrips").asInt());
        assertFalse(stateA.get("lastCollected").isNull());
        assertEquals(1, stateB.get("failures").asInt());
        assertTrue(stateB.get("lastFailureReason").asText().contains("handshake")
            || stateB.get("lastFailureReason").asText().contains("no answer"), stateB.toString());
        assertFalse(state.toString().contains("d3Jvbmcta2V5"), "no key in the API");
        assertFalse(state.toString().contains(DepotFixture.SECRET), "no key in the API");

        // energy: the fixture writes a record every 300 s of each trip, 1000 + t Wh consumed
        List<EnergyRecord> energy = new CollectionStore(station.dataSource()).energy("KZ-A",
            Instant.parse("2026-11-20T00:00:00Z"), Instant.parse("2026-11-22T00:00:00Z"));
        assertEquals(4, energy.size(), "two 5-minute periods in each of two trips");
        assertEquals(1299, energy.get(0).getConsumedWh());

        String tripId = a.trips.get(0).info().id().value();
        JsonNode trips = get(api + "/collection/trips?locomotive=KZ-A");
        assertEquals(2, trips.size());
        HttpResponse<String> report = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(api + "/trips/" + tripId + "/report")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, report.statusCode());
        assertTrue(report.body().contains("<svg") && report.body().contains(tripId), "an HTML report with charts");
        HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(api + "/trips/" + tripId + "/csv")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("content-type").orElse("").startsWith("text/csv"));
        assertTrue(csv.body().lines().count() > 100, "one line per sample");
        assertEquals(404, HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(api + "/trips/20261231T000000Z-ffff/report")).build(), HttpResponse.BodyHandlers.ofString())
            .statusCode());

        // The right key arrives in the key store: the next round collects B, A has nothing new.
        DepotFixture.writeKeyFile(keys.resolve("KZ-B").resolve(DepotFixture.IDENTITY), DepotFixture.SECRET + "\n");
        Map<String, DepotCollector.Result> next = byLoco(collector.collectNow());
        assertEquals(1, next.get("KZ-B").tripsCollected(), next.toString());
        assertEquals(0, next.get("KZ-A").tripsCollected());
        String shaB = sha256(b.logFile(b.trips.get(0)));
        assertEquals(shaB, sha256(logs.log(shaB)));
        assertEquals(0, find(get(api + "/collection").get("locomotives"), "KZ-B").get("failures").asInt());
      }
      publisher.disconnect();
    }
  }

  static Map<String, DepotCollector.Result> byLoco(List<DepotCollector.Result> results) {
    return results.stream().collect(java.util.stream.Collectors.toMap(DepotCollector.Result::locomotive, r -> r));
  }

  static JsonNode find(JsonNode array, String loco) {
    for (JsonNode n : array) {
      if (n.get("locomotive").asText().equals(loco)) {
        return n;
      }
    }
    throw new AssertionError(loco + " not in " + array);
  }
}
