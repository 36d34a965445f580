package io.locolink.ground.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.locolink.ground.ingest.MessageDecoder;
import io.locolink.ground.store.AlarmRow;
import io.locolink.ground.store.BatchWriter;
import io.locolink.ground.store.FleetEntry;
import io.locolink.ground.store.FleetQueries;
import io.locolink.ground.store.HistoryQueries;
import io.locolink.ground.store.Incoming;
import io.locolink.ground.store.LocomotiveIds;
import io.locolink.ground.store.Partitions;
import io.locolink.ground.store.RecordQueries;
import io.locolink.ground.store.SecondRow;
import io.locolink.ground.store.StationDatabase;
import io.locolink.ground.store.Stream;
import io.locolink.ground.testing.Frames;
import io.locolink.ground.testing.TestPostgres;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/fleet}, which writes the store's rows straight into JSON: every field of each
 * locomotive against values worked out by hand from what the test stored (decimals at their
 * resolution, nulls, absent channels, the order of ids), and the whole answer against the same
 * entries written by Jackson's object mapper; the CSV's columns and cells, worked out by hand too.
 */
class FleetAnswerTest {

  private static final long NOW_S = System.currentTimeMillis() / 1000;
  private static StationDatabase db;
  private static ApiServer api;
  private static FleetQueries fleet;

  @BeforeAll
  static void start() throws Exception {
    db = StationDatabase.server(TestPostgres.freshDatabase(), "postgres", null);
    fleet = new FleetQueries(db.dataSource());
    BatchWriter writer = new BatchWriter(db.dataSource(), new LocomotiveIds(), new Partitions());
    long fresh = (NOW_S + 300) * 1000;  // ahead of the clock: not stale however long the test takes
    long old = (NOW_S - 60) * 1000;
    List<Incoming> batch = new ArrayList<>();
    // FA-2: every kind of value, a few channels missing, sequences 1 and 5 (3 missing today).
    SecondRow full = new SecondRow(fresh, 1000L, 71239, -5, null, null, 0, 1234, null, null, 5, null, null, 980, 0,
        805, null, null, 1000, 3005, 1, 3312, 2, -123, 61, 3, null, 7, null, 0);
    batch.add(telemetry("FA-2", 1, fresh, full));
    batch.add(telemetry("FA-2", 5, fresh - 1000, full));
    // FA-10: an old frame (stale) and an offline status with a queue and messages set aside.
    SecondRow little = new SecondRow(old, null, null, 0, null, null, null, null, null, null, 0, null, null, null, 0,
        500, null, null, null, null, null, null, null, null, null, null, null, null, null, 0);
    batch.add(telemetry("FA-10", 1, old, little));
    batch.add(status(Frames.status("FA-10", 1, old, false).toBuilder().setQueueDepth(42).setSetAsideMessages(3)
        .build().toByteArray(), "FA-10", old));
    // FA-1: an online status and nothing else.
    batch.add(status(Frames.status("FA-1", 1, fresh, true).toByteArray(), "FA-1", fresh));
    // FA-3: two alarms raised, tiers 1 and 3, one of them cleared again later in another batch.
    batch.add(alarm("FA-3", 1, "CELL_HOT", 1, AlarmRow.RAISED));
    batch.add(alarm("FA-3", 2, "CELL_OVERVOLTAGE", 3, AlarmRow.RAISED));
    batch.add(alarm("FA-3", 3, "PACK_UNDERVOLTAGE", 2, AlarmRow.RAISED));
    // FB-00 to FB-39: enough of a fleet for an answer worth compressing (Javalin's minimum is 1,500 bytes).
    for (int i = 0; i < 40; i++) {
      batch.add(telemetry(String.format("FB-%02d", i), 1, old, little));
    }
    writer.write(batch, List.of());
    writer.write(List.of(alarm("FA-3", 4, "PACK_UNDERVOLTAGE", 2, AlarmRow.CLEARED)), List.of());
    StationServices services = new StationServices(db.dataSource(), fleet, new HistoryQueries(db.dataSource()),
        new RecordQueries(db.dataSource()), new LiveFeed(), Map::of);
    api = ApiServer.start("127.0.0.1", 0, services, List.of());
  }

  @AfterAll
  static void stop() {
    api.close();
    db.close();
  }

  private static Incoming telemetry(String loco, long seq, long timeMs, SecondRow row) {
    return new Incoming(loco, Stream.TELEMETRY, 1, seq, timeMs, timeMs, false, false, new byte[] {(byte) seq},
        new Incoming.Telemetry(List.of(row)));
  }

  private static Incoming status(byte[] payload, String loco, long timeMs) {
    var decoded = new MessageDecoder(65_536).decode("locolink/v1/" + loco + "/status", payload, timeMs);
    return ((MessageDecoder.Accepted) decoded).message();
  }

  private static Incoming alarm(String loco, long seq, String code, int tier, int event) {
    long t = (NOW_S - 10) * 1000 + seq;
    return new Incoming(loco, Stream.ALARM, 1, seq, t, t, false, false, new byte[] {(byte) seq},
        new AlarmRow(code, tier, event, 1, 0, 3_650, 3_600, "V", 0));
  }

  private static HttpResponse<byte[]> get(String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/api/v1/fleet"));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void eachFieldIsWhatWasStoredAtItsResolution() throws Exception {
    HttpResponse<byte[]> r = get();
    assertEquals(200, r.statusCode());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
    String body = new String(r.body(), StandardCharsets.UTF_8);
    JsonNode answer = new ObjectMapper().readTree(body);
    List<String> ids = new ArrayList<>();
    answer.get("locomotives").forEach(e -> ids.add(e.get("locomotive").asText()));
    assertEquals(44, ids.size());
    assertEquals(List.of("FA-1", "FA-10", "FA-2", "FA-3", "FB-00"), ids.subList(0, 5),
        "sorted by id, character by character");
    assertEquals("%", answer.get("units").get("soc").asText());
    assertEquals("kΩ", answer.get("units").get("insulation").asText());
    assertTrue(Math.abs(Instant.parse(answer.get("time").asText()).getEpochSecond() - NOW_S) < 600);

    // The values exactly as text: decimal places kept, a zero before the point, missing channels left out.
    assertTrue(body.contains("\"values\":{\"soc\":80.5,\"bmsSoc\":100.0,\"packVoltage\":712.39,\"packCurrent\":-0.5,"
        + "\"packPower\":0.0,\"cellMinVoltage\":3.005,\"cellMaxVoltage\":3.312,\"cellSpread\":307,\"cellTempMin\":-12.3,"
        + "\"cellTempMax\":6.1,\"inverterTempMax\":0.7,\"drivePower\":123.4,\"speed\":0.05,\"insulation\":980}"), body);
    String fa2 = "{\"locomotive\":\"FA-2\",\"link\":\"UNKNOWN\",\"stale\":false,\"lastSeen\":\""
        + Instant.ofEpochSecond(NOW_S + 300) + "\",\"gapsToday\":3,\"queueDepth\":null,\"activeAlarms\":0,"
        + "\"highestAlarmTier\":null,\"setAsideMessages\":null,\"values\":{";
    assertTrue(body.contains(fa2), body);
    String fa10 = "{\"locomotive\":\"FA-10\",\"link\":\"OFFLINE\",\"stale\":true,\"lastSeen\":\""
        + Instant.ofEpochSecond(NOW_S - 60) + "\",\"gapsToday\":0,\"queueDepth\":42,\"activeAlarms\":0,"
        + "\"highestAlarmTier\":null,\"setAsideMessages\":3,\"values\":{\"soc\":50.0,\"packCurrent\":0.0,\"speed\":0.00}}";
    assertTrue(body.contains(fa10), body);
    String fa1 = "{\"locomotive\":\"FA-1\",\"link\":\"ONLINE\",\"stale\":true,\"lastSeen\":null,\"gapsToday\":0,"
        + "\"queueDepth\":0,\"activeAlarms\":0,\"highestAlarmTier\":null,\"setAsideMessages\":0,\"values\":{}}";
    assertTrue(body.contains(fa1), body);
    String fa3 = "{\"locomotive\":\"FA-3\",\"link\":\"UNKNOWN\",\"stale\":true,\"lastSeen\":null,\"gapsToday\":0,"
        + "\"queueDepth\":null,\"activeAlarms\":2,\"highestAlarmTier\":3,\"setAsideMessages\":null,\"values\":{}}";
    assertTrue(body.contains(fa3), body);
  }

  @Test
  void theAnswerIsTheEntriesAsTheObjectMapperWritesThem() throws Exception {
    Instant now = Instant.now();
    String body = new String(get().body(), StandardCharsets.UTF_8);
    List<Map<String, Object>> entries = new ArrayList<>();
    for (FleetEntry e : fleet.snapshot(now)) {
      entries.add(e.toJson());
    }
    ObjectMapper mapper = new ObjectMapper();
    assertTrue(body.contains(",\"units\":" + mapper.writeValueAsString(Formats.units()) + ","), body);
    assertTrue(body.endsWith(",\"locomotives\":" + mapper.writeValueAsString(entries) + "}"), body);
  }

  @Test
  void theCsvHasAColumnAFieldAndAChannelAndEmptyCellsForNulls() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + api.port() + "/api/v1/fleet?format=csv")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    List<String> lines = List.of(r.body().split("\r\n"));
    assertEquals("locomotive,link,stale,lastSeen,gapsToday,queueDepth,activeAlarms,highestAlarmTier,setAsideMessages,"
        + "soc,bmsSoc,packVoltage,packCurrent,packPower,cellMinVoltage,cellMaxVoltage,cellSpread,cellTempMin,"
        + "cellTempMax,windingTempMax,inverterTempMax,drivePower,gensetPower,fuelFlow,speed,insulation", lines.get(0));
    assertEquals(45, lines.size(), "a header and 44 locomotives");
    // FA-1: an online status and no frame: 17 empty channel cells.
    assertEquals("FA-1,ONLINE,true,,0,0,0,,0" + ",".repeat(17), lines.get(1));
    // FA-10: soc, pack current and speed (channels 1, 4 and 16 of 17), at their resolutions.
    assertEquals("FA-10,OFFLINE,true," + Instant.ofEpochSecond(NOW_S - 60) + ",0,42,0,,3,50.0,,,0.0" + ",".repeat(12)
        + "0.00,", lines.get(2));
    assertEquals("FA-3,UNKNOWN,true,,0,,2,3," + ",".repeat(17), lines.get(4));
  }

  @Test
  void aBrowserAskingForGzipGetsTheSameAnswerCompressed() throws Exception {
    HttpResponse<byte[]> plain = get();
    HttpResponse<byte[]> zipped = get("Accept-Encoding", "gzip");
    assertEquals(200, zipped.statusCode());
    assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElse(null), zipped.headers().toString());
    byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(zipped.body())).readAllBytes();
    JsonNode a = new ObjectMapper().readTree(plain.body());
    JsonNode b = new ObjectMapper().readTree(unzipped);
    assertEquals(44, b.get("locomotives").size());
    assertEquals(a.get("locomotives"), b.get("locomotives"));
  }

  @Test
  void aDatabaseThatCannotAnswerIsAJson503NotAHalfWrittenAnswer() throws Exception {
    StationDatabase gone = StationDatabase.server(TestPostgres.freshDatabase(), "postgres", null);
    gone.close();
    StationServices services = new StationServices(gone.dataSource(), new FleetQueries(gone.dataSource()),
        new HistoryQueries(gone.dataSource()), new RecordQueries(gone.dataSource()), new LiveFeed(), Map::of);
    try (ApiServer down = ApiServer.start("127.0.0.1", 0, services, List.of())) {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + down.port() + "/api/v1/fleet")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(503, r.statusCode());
      assertTrue(new ObjectMapper().readTree(r.body()).get("error").asText().startsWith("the database cannot answer"),
          r.body());
    }
  }
}
