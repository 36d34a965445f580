package io.locolink.gateway.depot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.locolink.gateway.config.DepotConfig;
import io.locolink.gateway.framing.TripSummaryCodec;
import io.locolink.gateway.trips.FinishedTrip;
import io.locolink.gateway.trips.TripStore;
import io.locolink.proto.v1.EnergyRecord;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DepotServerTest {

  @TempDir static Path dir;
  DepotFixture gateway;
  CoapEndpoint plainClient;

  @BeforeAll
  void start() throws Exception {
    gateway = new DepotFixture(dir, 2, 900,
        new DepotConfig(null, null, null, "unused", null, null, null, 100, null, null));
    plainClient = CoapEndpoint.builder().setConfiguration(plainClientConfiguration()).build();
    plainClient.start();
  }

  /** A plain CoAP client that leaves block-wise transfers to the test (MAX_RESOURCE_BODY_SIZE 0). */
  static Configuration plainClientConfiguration() {
    Configuration cfg = CoapSetup.server(1024);
    cfg.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, 0);
    return cfg;
  }

  @AfterAll
  void stop() {
    plainClient.destroy();
    gateway.close();
  }

  private CoapResponse get(Request request) throws Exception {
    CoapClient client = new CoapClient();
    client.setEndpoint(plainClient);
    client.setTimeout(5000L);
    try {
      return client.advanced(request);
    } finally {
      client.shutdown();
    }
  }

  private Request getPath(String... segments) {
    Request r = Request.newGet();
    r.setURI(gateway.plainBase());
    for (String s : segments) {
      r.getOptions().addUriPath(s);
    }
    return r;
  }

  @Test
  void listIsJsonWithContentFormat50() throws Exception {
    CoapResponse r = get(getPath("trips"));
    assertEquals(ResponseCode.CONTENT, r.getCode());
    assertEquals(MediaTypeRegistry.APPLICATION_JSON, r.getOptions().getContentFormat());
    JsonNode list = DepotFixture.JSON.readTree(r.getPayload());
    assertEquals(gateway.trips.get(0).info().id().value(), list.get(0).get("id").asText());
  }

  @Test
  void logBlocksCarryETagSize2AndTheMoreFlag() throws Exception {
    FinishedTrip trip = gateway.trips.get(0);
    long size = Files.size(gateway.logFile(trip));
    Request first = getPath("trips", trip.info().id().value(), "log");
    CoapResponse r = get(first);
    assertEquals(ResponseCode.CONTENT, r.getCode());
    assertEquals(1024, r.getPayload().length);
    assertEquals(0, r.getOptions().getBlock2().getNum());
    assertTrue(r.getOptions().getBlock2().isM());
    assertEquals(size, (long) r.getOptions().getSize2());
    byte[] sha = java.util.HexFormat.of().parseHex(TripStore.sha256(gateway.logFile(trip)));
    assertArrayEquals(java.util.Arrays.copyOf(sha, 8), r.getOptions().getETags().get(0));

    Request last = getPath("trips", trip.info().id().value(), "log");
    int lastNum = (int) ((size - 1) / 1024);
    last.getOptions().setBlock2(6, false, lastNum);
    CoapResponse tail = get(last);
    assertEquals(size - lastNum * 1024L, tail.getPayload().length);
    assertTrue(!tail.getOptions().getBlock2().isM());

    Request past = getPath("trips", trip.info().id().value(), "log");
    past.getOptions().setBlock2(6, false, lastNum + 5);
    assertEquals(ResponseCode.BAD_OPTION, get(past).getCode());
  }

  @Test
  void aLogReadInBlocksOfChangingSizeIsTheFile() throws Exception {
    FinishedTrip trip = gateway.trips.get(1);
    byte[] file = Files.readAllBytes(gateway.logFile(trip));
    Request first = getPath("trips", trip.info().id().value(), "log");
    first.getOptions().setBlock2(6, false, 0);
    assertArrayEquals(java.util.Arrays.copyOfRange(file, 0, 1024), get(first).getPayload());
    // Block 2 of 512 bytes starts where block 0 of 1,024 bytes ended.
    for (int num = 2; ; num++) {
      Request next = getPath("trips", trip.info().id().value(), "log");
      next.getOptions().setBlock2(5, false, num);
      CoapResponse r = get(next);
      int start = num * 512;
      int end = Math.min(file.length, start + 512);
      assertArrayEquals(java.util.Arrays.copyOfRange(file, start, end), r.getPayload(), "block " + num);
      assertEquals(5, r.getOptions().getBlock2().getSzx());
      assertEquals(file.length, (long) r.getOptions().getSize2());
      if (!r.getOptions().getBlock2().isM()) {
        assertEquals(file.length, end, "the last block ends the log");
        return;
      }
    }
  }

  @Test
  void summaryAsProtobufAndAsJson() throws Exception {
    FinishedTrip trip = gateway.trips.get(0);
    CoapResponse r = get(getPath("trips", trip.info().id().value(), "summary"));
    assertEquals(MediaTypeRegistry.APPLICATION_OCTET_STREAM, r.getOptions().getContentFormat());
    assertEquals(trip.summary(), TripSummaryCodec.decode(r.getPayload()));
    Request json = getPath("trips", trip.info().id().value(), "summary");
    json.getOptions().setAccept(MediaTypeRegistry.APPLICATION_JSON);
    JsonNode node = DepotFixture.JSON.readTree(get(json).getPayload());
    assertEquals(trip.info().id().value(), node.get("tripId").asText());
  }

  @Test
  void unknownTripIs404AndMalformedOrHostilePathsAre400() throws Exception {
    assertEquals(ResponseCode.NOT_FOUND, get(getPath("trips", "20991231T235959Z-ffff", "log")).getCode());
    assertEquals(ResponseCode.NOT_FOUND, get(getPath("trips", gateway.trips.get(0).info().id().value(), "x")).getCode());
    assertEquals(ResponseCode.NOT_FOUND, get(getPath("nothing")).getCode());
    for (String hostile : List.of("..", "../../etc/passwd", "..%2F..%2Fetc", "a/b", "20261120T060000Z-0000/../x",
        "20261120T060000Z-000G", "%00", "x".repeat(255))) {
      assertEquals(ResponseCode.BAD_REQUEST, get(getPath("trips", hostile, "log")).getCode(), hostile);
    }
  }

  @Test
  void aValidLookingIdWhoseFileLiesOutsideTheStoreIsNotFound() throws Exception {
    String id = "20261101T000000Z-0bad";
    Files.writeString(gateway.dir.resolve("store").resolve(id + ".llt"), "outside the trip store");
    Files.writeString(gateway.dir.resolve(id + ".llt"), "outside the trip store");
    assertEquals(ResponseCode.NOT_FOUND, get(getPath("trips", id, "log")).getCode());
    assertEquals(ResponseCode.NOT_FOUND, get(getPath("trips", id)).getCode());
  }

  @Test
  void oversizedRequestIs413AndOtherMethodsAre405() throws Exception {
    Request underLimit = Request.newPost();
    underLimit.setURI(gateway.plainBase() + "/health");
    underLimit.setPayload(new byte[1000]);
    assertEquals(ResponseCode.METHOD_NOT_ALLOWED, get(underLimit).getCode(), "1000 bytes pass the size check");
    Request overLimit = Request.newPost();
    overLimit.setURI(gateway.plainBase() + "/health");
    overLimit.setPayload(new byte[1100]);
    assertEquals(ResponseCode.REQUEST_ENTITY_TOO_LARGE, get(overLimit).getCode());
    Request post = Request.newPost();
    post.setURI(gateway.plainBase() + "/trips");
    post.setPayload(new byte[1024]);
    post.getOptions().setBlock1(6, true, 0);
    // A block-wise upload announcing (Size1) a body over the limit is refused at its first block.
    post.getOptions().setSize1(64 * 1024);
    assertEquals(ResponseCode.REQUEST_ENTITY_TOO_LARGE, get(post).getCode());
    Request put = Request.newPut();
    put.setURI(gateway.plainBase() + "/trips");
    put.setPayload("x");
    assertEquals(ResponseCode.METHOD_NOT_ALLOWED, get(put).getCode());
  }

  @Test
  void energyRecordsForATimeRange() throws Exception {
    Instant from = Instant.parse("2026-11-20T00:00:00Z");
    Request r = getPath("energy");
    r.getOptions().addUriQuery("from=" + from.getEpochSecond()).addUriQuery("to=2026-11-22T00:00:00Z");
    CoapResponse resp = get(r);
    assertEquals(ResponseCode.CONTENT, resp.getCode());
    List<EnergyRecord> records = new ArrayList<>();
    ByteArrayInputStream in = new ByteArrayInputStream(resp.getPayload());
    for (EnergyRecord e; (e = EnergyRecord.parseDelimitedFrom(in)) != null; ) {
      records.add(e);
    }
    assertEquals(6, records.size(), "900 s trips, one record per 300 s, two trips");
    Request onlyFirstDay = getPath("energy");
    onlyFirstDay.getOptions().addUriQuery("from=2026-11-20T00:00:00Z").addUriQuery("to=2026-11-21T00:00:00Z");
    onlyFirstDay.getOptions().setAccept(MediaTypeRegistry.APPLICATION_JSON);
    assertEquals(3, DepotFixture.JSON.readTree(get(onlyFirstDay).getPayload()).size());
    Request eightDaysAsJson = getPath("energy");
    eightDaysAsJson.getOptions().addUriQuery("from=2026-11-14T00:00:00Z").addUriQuery("to=2026-11-22T00:00:00Z");
    eightDaysAsJson.getOptions().setAccept(MediaTypeRegistry.APPLICATION_JSON);
    CoapResponse refused = get(eightDaysAsJson);
    assertEquals(ResponseCode.BAD_REQUEST, refused.getCode(), "a JSON answer covers at most 7 days");
    assertTrue(refused.getResponseText().contains("7 days"), refused.getResponseText());
    Request eightDays = getPath("energy");
    eightDays.getOptions().addUriQuery("from=2026-11-14T00:00:00Z").addUriQuery("to=2026-11-22T00:00:00Z");
    assertEquals(ResponseCode.CONTENT, get(eightDays).getCode(), "the delimited form covers the configured range");
    for (String[] bad : new String[][] {{"from=1"}, {"from=5", "to=1"}, {"from=0", "to=99999999"}, {"from=x", "to=1"},
        {"from=1", "to=2", "evil=1"}}) {
      Request q = getPath("energy");
      for (String b : bad) {
        q.getOptions().addUriQuery(b);
      }
      assertEquals(ResponseCode.BAD_REQUEST, get(q).getCode(), String.join("&", bad));
    }
  }

  @Test
  void batteryStateIsObservable() throws Exception {
    CoapClient client = new CoapClient(gateway.plainBase() + "/battery");
    client.setEndpoint(plainClient);
    java.util.concurrent.BlockingQueue<JsonNode> seen = new java.util.concurrent.LinkedBlockingQueue<>();
    gateway.server.publishBattery(battery(50.0));
    Thread.sleep(150);
    org.eclipse.californium.core.CoapObserveRelation relation = client.observeAndWait(
        new org.eclipse.californium.core.CoapHandler() {
          @Override
          public void onLoad(CoapResponse response) {
            try {
              seen.add(DepotFixture.JSON.readTree(response.getPayload()));
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }

          @Override
          public void onError() {}
        });
    try {
      assertTrue(relation.getCurrent().getOptions().hasObserve(), "registered as an observer (RFC 7641)");
      assertEquals(50.0, seen.poll(5, java.util.concurrent.TimeUnit.SECONDS).get("socPercent").asDouble());
      gateway.server.publishBattery(battery(49.5));
      JsonNode next = seen.poll(5, java.util.concurrent.TimeUnit.SECONDS);
      assertEquals(49.5, next.get("socPercent").asDouble());
      assertEquals(-1200.0 * 700 / 1000, next.get("packPowerKw").asDouble(), 1e-9);
    } finally {
      relation.proactiveCancel();
      client.shutdown();
    }
  }

  private static LiveBattery battery(double soc) {
    return new LiveBattery(Instant.parse("2026-11-20T08:00:00Z"), soc, 700, -1200, -1200.0 * 700 / 1000, 3.2, 3.25,
        20, 24, 0, "NONE");
  }

  @Test
  void healthAnswersJson() throws Exception {
    JsonNode h = DepotFixture.JSON.readTree(get(getPath("health")).getPayload());
    assertEquals("ok", h.get("status").asText());
    assertEquals(2, h.get("trips").asInt());
  }

  @Test
  void plainCoapListensOnLoopbackOnly() {
    assertTrue(gateway.server.plainAddress().orElseThrow().getAddress().isLoopbackAddress());
  }

  @Test
  void keyFileReadableByOthersIsRefused() throws Exception {
    Path loose = dir.resolve("loose-psk");
    Files.writeString(loose, "a:" + DepotFixture.SECRET + "\n");
    Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rw-r--r--"));
    KeyFileException e = assertThrows(KeyFileException.class, () -> PskKeyFile.readAll(loose));
    assertTrue(e.getMessage().contains("group or others"), e.getMessage());
    assertTrue(!e.getMessage().contains(DepotFixture.SECRET), "the secret is never in a message");
    Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rw-------"));
    assertArrayEquals(DepotFixture.SECRET.getBytes(StandardCharsets.UTF_8), PskKeyFile.keyFor(loose, "a"));
    Files.writeString(loose, "a:short\n");
    assertThrows(KeyFileException.class, () -> PskKeyFile.readAll(loose));
  }

  @Test
  void aMissingKeyFileIsNamedAsMissing() {
    Path missing = dir.resolve("no-such-psk");
    KeyFileException e = assertThrows(KeyFileException.class, () -> PskKeyFile.readAll(missing));
    assertEquals(missing + ": no such file", e.getMessage());
  }
}
