package io.locolink.gateway.depot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.config.DepotConfig;
import io.locolink.gateway.config.TripsConfig;
import io.locolink.gateway.archive.EnergyStore;
import io.locolink.gateway.trips.TripStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The depot server never holds the gateway back: a failed start is reported and retried until it serves. */
class DepotServiceTest {

  @TempDir Path dir;

  private DepotService start(DepotConfig config) {
    TripsConfig tc = TripsConfig.defaults().withDirectory(dir);
    return DepotService.start(config, TripStore.open(tc.tripsDirectory(null), 1L << 30),
        EnergyStore.open(tc.energyDirectory(null), 60), Clock.systemUTC(),
        () -> List.of(new HealthCheck("devices", true, "all online")));
  }

  @Test
  void aMissingKeyFileIsReportedAndTheServerStartsOnceTheFileAppears() throws Exception {
    Path keys = dir.resolve("depot-psk");
    DepotConfig config = DepotConfig.defaults().with(keys, "127.0.0.1", 0, 0);
    try (DepotService service = start(config)) {
      DepotState first = service.state();
      assertEquals(DepotState.Phase.RETRYING, first.phase(), "start returned although the key file is missing");
      assertTrue(first.error().orElseThrow().contains("depot-psk"), first.toString());
      assertEquals(1, first.failures());
      assertEquals(0, first.port(), "no endpoint announced while not serving");
      DepotFixture.writeKeyFile(keys, DepotFixture.IDENTITY + ":" + DepotFixture.SECRET + "\n");
      await(() -> service.state().phase() == DepotState.Phase.SERVING, Duration.ofSeconds(20));
      DepotState serving = service.state();
      assertEquals("127.0.0.1", serving.address());
      assertTrue(serving.port() > 0);
      assertEquals(List.of(DepotFixture.IDENTITY), serving.identities());
      assertTrue(serving.error().isEmpty());
    }
  }

  @Test
  void aBindAddressOnNoInterfaceIsRetriedNotFatal() throws Exception {
    Path keys = DepotFixture.writeKeyFile(dir.resolve("psk"), "d:" + DepotFixture.SECRET + "\n");
    // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): never assigned to a host
    try (DepotService service = start(DepotConfig.defaults().with(keys, "192.0.2.1", 0, null))) {
      DepotState state = service.state();
      assertEquals(DepotState.Phase.RETRYING, state.phase());
      assertTrue(state.error().orElseThrow().contains("192.0.2.1"), state.toString());
    }
  }

  @Test
  void backoffDoublesFromOneSecondUpToAMinute() {
    assertEquals(Duration.ofSeconds(1), DepotService.backoff(1));
    assertEquals(Duration.ofSeconds(2), DepotService.backoff(2));
    assertEquals(Duration.ofSeconds(32), DepotService.backoff(6));
    assertEquals(Duration.ofSeconds(60), DepotService.backoff(7));
    assertEquals(Duration.ofSeconds(60), DepotService.backoff(1000));
  }

  @Test
  void healthAnswers503WithTheFailingCheckWhenOneIsNotOk() throws Exception {
    Path keys = DepotFixture.writeKeyFile(dir.resolve("psk"), "d:" + DepotFixture.SECRET + "\n");
    TripsConfig tc = TripsConfig.defaults().withDirectory(dir);
    List<HealthCheck>[] checks = new List[] {List.of(new HealthCheck("devices", true, "6 devices online"))};
    try (DepotServer server = DepotServer.create(DepotConfig.defaults().with(keys, "127.0.0.1", 0, 0),
        TripStore.open(tc.tripsDirectory(null), 1L << 30), EnergyStore.open(tc.energyDirectory(null), 60),
        Clock.systemUTC(), () -> checks[0])) {
      server.start();
      CoapEndpoint endpoint = CoapEndpoint.builder().setConfiguration(DepotServerTest.plainClientConfiguration())
          .build();
      CoapClient client = new CoapClient("coap://127.0.0.1:" + server.plainAddress().orElseThrow().getPort()
          + "/health");
      client.setEndpoint(endpoint);
      try {
        CoapResponse ok = client.get();
        assertEquals(ResponseCode.CONTENT, ok.getCode());
        assertEquals("ok", DepotFixture.JSON.readTree(ok.getPayload()).get("status").asText());
        checks[0] = List.of(new HealthCheck("devices", false, "offline: pack-shunt"),
            new HealthCheck("clock", true, "synced"));
        CoapResponse bad = client.get();
        assertEquals(ResponseCode.SERVICE_UNAVAILABLE, bad.getCode(), "a probe sees the code");
        var json = DepotFixture.JSON.readTree(bad.getPayload());
        assertEquals("degraded", json.get("status").asText());
        assertEquals("devices", json.get("checks").get(0).get("name").asText());
        assertEquals(false, json.get("checks").get(0).get("ok").asBoolean());
        assertEquals("offline: pack-shunt", json.get("checks").get(0).get("detail").asText());
      } finally {
        client.shutdown();
        endpoint.destroy();
      }
    }
  }

  static void await(BooleanSupplier condition, Duration limit) throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < end, "condition not met within " + limit);
      Thread.sleep(50);
    }
  }
}
