package io.locolink.gateway.depot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.config.DepotConfig;
import io.locolink.gateway.trips.FinishedTrip;
import io.locolink.gateway.trips.TripStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ground's acknowledgement of a collected trip, and the resource listing third-party clients discover. */
class DepotCollectedTest {

  @TempDir Path dir;
  CoapEndpoint endpoint;

  @BeforeEach
  void endpoint() throws Exception {
    endpoint = CoapEndpoint.builder().setConfiguration(DepotServerTest.plainClientConfiguration()).build();
    endpoint.start();
  }

  @AfterEach
  void stop() {
    endpoint.destroy();
  }

  private CoapResponse send(Request request) throws Exception {
    CoapClient client = new CoapClient();
    client.setEndpoint(endpoint);
    client.setTimeout(5000L);
    try {
      return client.advanced(request);
    } finally {
      client.shutdown();
    }
  }

  private CoapResponse get(DepotFixture gw, String path) throws Exception {
    Request r = Request.newGet();
    r.setURI(gw.plainBase() + path);
    return send(r);
  }

  private CoapResponse acknowledge(DepotFixture gw, FinishedTrip trip, String sha) throws Exception {
    Request r = Request.newPost();
    r.setURI(gw.plainBase() + "/trips/" + trip.info().id() + "/collected");
    r.setPayload(sha);
    return send(r);
  }

  private static String sha256Of(Path file) throws Exception {
    // FIPS 180-4 from the JDK, independent of the store's own bookkeeping
    return java.util.HexFormat.of().formatHex(
        java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  @Test
  void wellKnownCoreNamesEveryResourceIncludingEachTripsLog() throws Exception {
    try (DepotFixture gw = new DepotFixture(dir, 2, 600, DepotConfig.defaults())) {
      CoapResponse r = get(gw, "/.well-known/core");
      assertEquals(ResponseCode.CONTENT, r.getCode());
      String links = r.getResponseText();
      for (String path : new String[] {"/trips", "/energy", "/battery", "/health"}) {
        assertTrue(links.contains("<" + path + ">"), path + " in " + links);
      }
      for (FinishedTrip trip : gw.trips) {
        String base = "/trips/" + trip.info().id();
        for (String child : new String[] {"", "/summary", "/log", "/collected"}) {
          assertTrue(links.contains("<" + base + child + ">"), base + child + " in " + links);
        }
      }
      assertTrue(links.contains("obs"), "the battery resource is observable: " + links);
    }
  }

  @Test
  void anAcknowledgementWithTheLogsSha256MarksTheTripCollectedAndAWrongOneIsRefused() throws Exception {
    try (DepotFixture gw = new DepotFixture(dir, 2, 600, DepotConfig.defaults())) {
      FinishedTrip trip = gw.trips.get(1);
      String sha = sha256Of(gw.logFile(trip));
      String wrong = "0".repeat(64);
      assertEquals(ResponseCode.PRECONDITION_FAILED, acknowledge(gw, trip, wrong).getCode());
      assertEquals(ResponseCode.BAD_REQUEST, acknowledge(gw, trip, "not hex").getCode());
      assertFalse(DepotFixture.JSON.readTree(get(gw, "/trips/" + trip.info().id() + "/collected").getPayload())
          .get("collected").asBoolean());
      assertEquals(ResponseCode.CHANGED, acknowledge(gw, trip, sha).getCode());
      assertEquals(ResponseCode.CHANGED, acknowledge(gw, trip, sha).getCode(), "a repeated acknowledgement is fine");
      var list = DepotFixture.JSON.readTree(get(gw, "/trips").getPayload());
      assertFalse(list.get(0).get("collected").asBoolean(), "the other trip is not collected");
      assertTrue(list.get(1).get("collected").asBoolean());
      assertTrue(Files.exists(gw.logFile(trip)), "kept: no deleteCollectedAfterS configured");
      assertTrue(Files.readString(gw.logFile(trip).resolveSibling(trip.info().id() + ".collected"),
          StandardCharsets.ISO_8859_1).contains(sha));
    }
  }

  @Test
  void withDeleteCollectedAfterZeroTheAcknowledgedTripGoesAndTheOtherStays() throws Exception {
    DepotConfig deleteAtOnce = new DepotConfig(null, null, null, "unused", null, null, null, null, null, 0L);
    try (DepotFixture gw = new DepotFixture(dir, 2, 600, deleteAtOnce)) {
      FinishedTrip collected = gw.trips.get(0);
      FinishedTrip other = gw.trips.get(1);
      assertEquals(ResponseCode.CHANGED, acknowledge(gw, collected, sha256Of(gw.logFile(collected))).getCode());
      assertFalse(Files.exists(gw.logFile(collected)), "deleted once collected");
      assertEquals(ResponseCode.NOT_FOUND, get(gw, "/trips/" + collected.info().id() + "/log").getCode());
      assertTrue(Files.exists(gw.logFile(other)), "never deleted before it is collected");
      assertEquals(1, gw.recorder.store().list().size());
      assertEquals(TripStore.sha256(gw.logFile(other)), gw.recorder.store().list().get(0).sha256Hex());
    }
  }
}
