package io.locolink.ground.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.locolink.ground.testing.Await;
import io.locolink.ground.testing.Frames;
import io.locolink.ground.testing.Sql;
import io.locolink.proto.v1.Alarm;
import io.locolink.proto.v1.AlarmEvent;
import io.locolink.proto.v1.EnergyRecord;
import io.locolink.proto.v1.TripSummary;
import io.locolink.testing.MosquittoBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The station against a real Mosquitto and a real (embedded) PostgreSQL: messages published by a
 * plain MQTT client are stored once whatever is published twice, refused ones are kept aside with
 * the reason, gaps open and close, and the read API serves what was stored.
 */
class StationIngestTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  /** Reads decimals as written (3.650 stays 3.650), to check values leave at their resolution. */
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));
  private static final long BOOT = 0x1234_5678_9ABCL;
  /** Yesterday 00:00 UTC: recent enough that the station's retention keeps it. */
  private static final long T0 = (System.currentTimeMillis() / 86_400_000L - 1) * 86_400_000L;

  @TempDir
  static Path dir;

  private static MosquittoBroker broker;
  private static GroundStation station;
  private static MqttClient publisher;

  @BeforeAll
  static void start() throws Exception {
    broker = MosquittoBroker.startPlain();
    station = GroundStation.start(StationConfig.embedded(dir.resolve("station"), broker.url(), 0), List.of());
    assertTrue(station.ingest().awaitSubscribed(30, TimeUnit.SECONDS), "station subscribed");
    publisher = new MqttClient(broker.url(), "test-publisher", new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    // Paho 3 may count a just-completed publish as in flight for a moment; a busy machine then
    // refused the next one with "Too many publishes in progress" at the default window of 10
    options.setMaxInflight(1000);
    publisher.connect(options);
  }

  @AfterAll
  static void stop() throws Exception {
    if (publisher != null) {
      publisher.disconnect();
      publisher.close();
    }
    if (station != null) {
      station.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  private static void publish(String topic, byte[] payload) throws Exception {
    publisher.publish(topic, payload, 1, false);
  }

  @Test
  void storesEachMessageOnceKeepsRefusedOnesAsideAndServesTheFleet() throws Exception {
    String loco = "KZ-0042";
    String topic = "locolink/v1/" + loco + "/telemetry";
    // Sequences 1..10 except 5, each published twice: 9 stored, 9 duplicates, a gap of one.
    for (int seq = 1; seq <= 10; seq++) {
      if (seq == 5) {
        continue;
      }
      byte[] frame = Frames.telemetry(loco, BOOT, seq, T0 + seq * 1000L, new int[] {71234, 71244},
          new int[] {1200, 1000}, 570 + seq).toByteArray();
      publish(topic, frame);
      publish(topic, frame);
    }
    publish("locolink/v1/" + loco + "/status", Frames.status(loco, BOOT, T0 + 10_500, true).toByteArray());
    // Refused: another locomotive's frame on this topic, garbage, and a truncated frame.
    publish("locolink/v1/KZ-0043/telemetry", Frames.telemetry(loco, BOOT, 11, T0 + 11_000, new int[] {1, 1},
        new int[] {1, 1}, 500).toByteArray());
    publish(topic, new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01, 0x02});
    byte[] whole = Frames.telemetry(loco, BOOT, 12, T0 + 12_000, new int[] {1, 1}, new int[] {1, 1}, 500)
        .toByteArray();
    publish(topic, java.util.Arrays.copyOf(whole, whole.length - 3));

    var ds = station.dataSource();
    Await.until("9 frames, a status and 3 dead letters stored", WAIT, () ->
        Sql.count(ds, "SELECT count(*) FROM raw_message") == 10 && Sql.count(ds, "SELECT count(*) FROM dead_letter") == 3);
    Await.until("every duplicate seen", WAIT, () -> station.ingest().stats().duplicates() >= 9);

    assertEquals(9, Sql.count(ds, "SELECT count(*) FROM frame_second"));
    assertEquals(9, Sql.count(ds, "SELECT count(DISTINCT (boot_id, sequence)) FROM raw_message WHERE stream = 1"));
    assertEquals(1, Sql.count(ds, "SELECT count(*) FROM dead_letter WHERE reason LIKE "
        + "'topic locomotive ''KZ-0043'' differs from the header''s ''KZ-0042'''"));
    assertEquals(2, Sql.count(ds, "SELECT count(*) FROM dead_letter WHERE topic = '" + topic + "'"));
    // Mean of 712.34 V and 712.44 V is 712.39 V; of 120.0 A and 100.0 A, 110.0 A.
    assertEquals(71239, Sql.count(ds, "SELECT pack_cv FROM frame_second WHERE soc_pm = 580"));
    assertEquals(1100, Sql.count(ds, "SELECT pack_da FROM frame_second WHERE soc_pm = 580"));
    // Power: the mean of 712.34 V * 120.0 A = 85480.8 W and 712.44 V * 100.0 A = 71244 W is
    // 78362.4 W, stored in 0.1 kW: 784.
    assertEquals(784, Sql.count(ds, "SELECT pack_hw FROM frame_second WHERE soc_pm = 580"));
    assertEquals(1, Sql.count(ds, "SELECT sum(missing) FROM gap WHERE closed IS NULL"));

    // The gap closes when the backlog brings sequence 5, flagged historical.
    byte[] five = Frames.telemetry(loco, BOOT, 5, T0 + 5000L, new int[] {71234, 71244}, new int[] {1200, 1000}, 575)
        .toByteArray();
    publish(topic, Frames.historical(five));
    Await.until("gap closed", WAIT, () -> Sql.count(ds, "SELECT count(*) FROM gap WHERE closed IS NULL") == 0);
    assertEquals(1, Sql.count(ds, "SELECT count(*) FROM frame_second WHERE flags & 1 = 1 AND soc_pm = 575"));
    assertEquals(1, Sql.count(ds, "SELECT count(*) FROM gap WHERE closed IS NOT NULL AND first_seq = 5 AND last_seq = 5"));

    // The latest row is rewritten at most every 2 s (GroundStation.LATEST_EVERY): wait for the newest frame.
    Await.until("the fleet shows the newest frame", WAIT,
        () -> "58.0".equals(fleetSoc()));
    JsonNode fleet = get("/api/v1/fleet");
    JsonNode k42 = fleet.get("locomotives").get(0);
    assertEquals(loco, k42.get("locomotive").asText());
    assertEquals("ONLINE", k42.get("link").asText());
    assertEquals("58.0", k42.get("values").get("soc").asText());  // the newest frame (seq 10): 580 per mille
    assertEquals("712.39", k42.get("values").get("packVoltage").asText());
    assertEquals("110.0", k42.get("values").get("packCurrent").asText());
  }

  @Test
  void theEmbeddedDatabaseCommitsDurablyBeforeTheIngestAcknowledges() {
    // An acknowledged message exists only in the database: a commit a crash may undo would lose it.
    assertEquals("on", Sql.text(station.dataSource(), "SHOW synchronous_commit"));
    assertEquals("on", Sql.text(station.dataSource(), "SHOW fsync"));
  }

  @Test
  void badParametersAreJson400sAndUnknownPathsJson404s() throws Exception {
    HttpResponse<String> bad = send("/api/v1/fleet?format=xml");
    assertEquals(400, bad.statusCode());
    assertEquals("format must be json or csv, got 'xml'", new ObjectMapper().readTree(bad.body()).get("error").asText());
    HttpResponse<String> missing = send("/api/v1/nothing");
    assertEquals(404, missing.statusCode());
    assertTrue(new ObjectMapper().readTree(missing.body()).get("error").asText().contains("/api/v1/nothing"));
    JsonNode health = get("/api/v1/health");
    assertEquals("up", health.get("database").asText());
    assertEquals("connected", health.get("broker").asText());
  }

  @Test
  void energyAlarmsTripsAndGapsAreServedAsJsonAndCsv() throws Exception {
    String loco = "KZ-0077";
    long day = T0 + 86_400_000L;  // today 00:00 UTC
    publish("locolink/v1/" + loco + "/energy", EnergyRecord.newBuilder().setHeader(Frames.header(loco, BOOT, 1, day))
        .setPeriodEndUnixS(day / 1000 + 300).setPeriodS(300).setConsumedWh(1200).setRegeneratedWh(100)
        .setCo2AvoidedG(500).build().toByteArray());
    publish("locolink/v1/" + loco + "/energy", EnergyRecord.newBuilder().setHeader(Frames.header(loco, BOOT, 2, day))
        .setPeriodEndUnixS(day / 1000 + 600).setPeriodS(300).setConsumedWh(800).setRegeneratedWh(300)
        .setCo2AvoidedG(250).build().toByteArray());
    publish("locolink/v1/" + loco + "/alarm", alarm(loco, 3, day + 1000, "CELL_VOLTAGE_HIGH", 2, AlarmEvent.ALARM_RAISED));
    publish("locolink/v1/" + loco + "/alarm", alarm(loco, 4, day + 2000, "CELL_TEMP_HIGH", 3, AlarmEvent.ALARM_RAISED));
    publish("locolink/v1/" + loco + "/alarm", alarm(loco, 5, day + 3000, "CELL_TEMP_HIGH", 3, AlarmEvent.ALARM_CLEARED));
    publish("locolink/v1/" + loco + "/trip", TripSummary.newBuilder().setHeader(Frames.header(loco, BOOT, 6, day + 4000))
        .setTripId("trip-1").setStartUnixMs(day + 60_000).setEndUnixMs(day + 3_600_000).setDistanceM(12_345)
        .setSocStartPermille(900).setSocEndPermille(455).setMinCellTempDc(-5).setMaxCellTempDc(0).build().toByteArray());
    var ds = station.dataSource();
    Await.until("six records stored", WAIT, () -> Sql.count(ds,
        "SELECT count(*) FROM raw_message r JOIN locomotive l ON l.id = r.locomotive_id WHERE l.name = 'KZ-0077'") == 6);

    String range = "&from=" + java.time.Instant.ofEpochMilli(day) + "&to=" + java.time.Instant.ofEpochMilli(day + 86_400_000L);
    String dayText = java.time.LocalDate.ofEpochDay(day / 86_400_000L).toString();
    JsonNode days = get("/api/v1/energy?period=day&locomotive=" + loco + range).get("energy");
    assertEquals(1, days.size());
    assertEquals(dayText, days.get(0).get("day").asText());
    assertEquals(2000, days.get(0).get("consumedWh").asLong());
    assertEquals(400, days.get(0).get("regeneratedWh").asLong());
    assertEquals(750, days.get(0).get("co2AvoidedG").asLong());
    assertEquals(286, days.get(0).get("missingPeriods").asLong());
    assertEquals(2, get("/api/v1/energy?locomotive=" + loco + range).get("energy").size());
    HttpResponse<String> csv = send("/api/v1/energy?format=csv&period=day&locomotive=" + loco + range);
    assertEquals("text/csv; charset=utf-8", csv.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("KZ-0077," + dayText + ",2,286,2000,400,0,0,0,0,0,750", csv.body().split("\r\n")[1]);

    JsonNode active = get("/api/v1/alarms?state=active&locomotive=" + loco).get("alarms");
    assertEquals(1, active.size());
    assertEquals("CELL_VOLTAGE_HIGH", active.get(0).get("code").asText());
    assertEquals("3.650", active.get(0).get("value").asText());
    assertEquals(3, get("/api/v1/alarms?locomotive=" + loco + range).get("alarms").size());
    assertEquals(1, get("/api/v1/alarms?state=cleared&tier=open_contactors&locomotive=" + loco + range)
        .get("alarms").size());
    JsonNode trips = get("/api/v1/trips?locomotive=" + loco + range).get("trips");
    assertEquals("trip-1", trips.get(0).get("trip").asText());
    assertEquals("45.5", trips.get(0).get("socEnd").asText());
    // the cells read -0.5 and 0.0 degC; the winding never read good, left out of the summary: unknown
    assertEquals("-0.5", trips.get(0).get("minCellTempC").asText());
    assertEquals("0.0", trips.get(0).get("maxCellTempC").asText());
    assertTrue(trips.get(0).get("maxMotorTempC").isNull(), trips.toString());
    assertTrue(send("/api/v1/trips?format=csv&locomotive=" + loco + range).body().split("\r\n")[1]
        .contains(",90.0,45.5,-0.5,0.0,,0,"), "socStart, socEnd, cell min and max, winding unknown, alarms");
    assertEquals(0, get("/api/v1/gaps?locomotive=" + loco + range).get("gaps").size());

    assertEquals(400, send("/api/v1/locomotives/" + loco + "/history?points=0").statusCode());
    assertEquals(400, send("/api/v1/locomotives/" + loco + "/history?channels=bogus").statusCode());
    assertEquals(400, send("/api/v1/locomotives/" + loco + "/history?from=yesterday").statusCode());
    assertEquals(400, send("/api/v1/alarms?tier=9").statusCode());
    assertEquals(404, send("/api/v1/locomotives/KZ-9999/history").statusCode());
    assertEquals(404, send("/api/v1/trips?locomotive=KZ-9999").statusCode());
  }

  private static byte[] alarm(String loco, long seq, long timeMs, String code, int tier, AlarmEvent event) {
    return Alarm.newBuilder().setHeader(Frames.header(loco, BOOT, seq, timeMs)).setCode(code).setTierValue(tier)
        .setEvent(event).setIndex(17).setValueMilli(3650).setLimitMilli(3600).setUnit("V").build().toByteArray();
  }

  /** The first locomotive's state of charge in the fleet snapshot, or null if it cannot be read. */
  private static String fleetSoc() {
    try {
      return get("/api/v1/fleet").get("locomotives").get(0).get("values").get("soc").asText();
    } catch (Exception e) {
      return null;
    }
  }

  private static JsonNode get(String path) throws Exception {
    HttpResponse<String> r = send(path);
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  private static HttpResponse<String> send(String path) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(HttpRequest.newBuilder(URI.create(station.httpUrl() + path)).build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }
}
