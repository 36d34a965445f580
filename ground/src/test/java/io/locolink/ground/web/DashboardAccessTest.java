package io.locolink.ground.web;

import static io.locolink.ground.web.DashboardStation.ENGINEER_PASSWORD;
import static io.locolink.ground.web.DashboardStation.VIEWER_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.locolink.ground.testing.Await;
import io.locolink.ground.testing.Frames;
import io.locolink.ground.testing.Sql;
import io.locolink.proto.v1.Alarm;
import io.locolink.proto.v1.AlarmEvent;
import io.locolink.proto.v1.AlarmTier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's access rules over HTTP against a real station (Mosquitto, embedded PostgreSQL):
 * no session, no data; a state change needs the session's CSRF token; only engineers and admins
 * acknowledge, and the acknowledgement is kept with who, when and the comment; wrong passwords
 * are slowed; passwords are kept only as bcrypt hashes.
 */
class DashboardAccessTest {

  static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  static Path dir;

  static DashboardStation web;

  @BeforeAll
  static void start() throws Exception {
    web = DashboardStation.start(dir).withStaff();
    web.users().add("mallory-target", Role.VIEWER, "a long enough secret".toCharArray(), false);
  }

  @AfterAll
  static void stop() {
    if (web != null) {
      web.close();
    }
  }

  @Test
  void withoutASessionNothingIsServedButTheLogInPage() throws Exception {
    Browser anonymous = new Browser(web.base);
    HttpResponse<String> api = anonymous.get("/api/v1/fleet");
    assertEquals(401, api.statusCode(), api.body());
    HttpResponse<String> health = anonymous.get("/api/v1/health");  // a monitoring probe has no session
    assertEquals(200, health.statusCode(), health.body());
    assertTrue(health.body().contains("\"database\"") && !health.body().contains("locomotive"), health.body());
    assertEquals(401, anonymous.get("/api/v1/web/alarms").statusCode());
    HttpResponse<String> page = anonymous.get("/");
    assertEquals(302, page.statusCode());
    assertEquals("/login", page.headers().firstValue("Location").orElseThrow());
    HttpResponse<String> login = anonymous.get("/login");
    assertEquals(200, login.statusCode());
    assertTrue(login.body().contains("id=\"login-form\""), login.body());
    assertTrue(login.headers().firstValue("Content-Security-Policy").orElseThrow().contains("default-src 'self'"));
    assertEquals(200, anonymous.get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js").statusCode());
  }

  @Test
  void aLogInGivesAStrictHttpOnlySessionCookieAndTheApi() throws Exception {
    Browser erin = new Browser(web.base);
    HttpResponse<String> login = erin.login("erin", ENGINEER_PASSWORD);
    assertEquals(200, login.statusCode(), login.body());
    String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
    assertFalse(cookie.contains("Secure"), "plain HTTP on loopback: " + cookie);
    assertEquals(200, erin.get("/api/v1/fleet").statusCode());
    JsonNode me = erin.json("/auth/me");
    assertEquals("engineer", me.get("role").asText());
    assertEquals(43, me.get("csrfToken").asText().length());
    HttpResponse<String> out = erin.post("/auth/logout", "{}", me.get("csrfToken").asText());
    assertEquals(200, out.statusCode());
    assertEquals(401, erin.get("/api/v1/fleet").statusCode(), "the session ended with the log-out");
  }

  @Test
  void anEngineerAcknowledgesAnAlarmWithTheCsrfTokenAndAViewerCannot() throws Exception {
    String loco = "KZ-ACK-01";
    long boot = 0x5eed_0001L;
    long raisedAt = System.currentTimeMillis() - 60_000;
    Alarm raised = Alarm.newBuilder().setHeader(Frames.header(loco, boot, 7, raisedAt)).setCode("CELL_VOLTAGE_HIGH")
        .setTier(AlarmTier.ALARM_OPEN_CONTACTORS).setEvent(AlarmEvent.ALARM_RAISED).setIndex(17)
        .setValueMilli(3712).setLimitMilli(3650).setUnit("V").build();
    publish("locolink/v1/" + loco + "/alarm", raised.toByteArray());

    Browser erin = new Browser(web.base);
    assertEquals(200, erin.login("erin", ENGINEER_PASSWORD).statusCode());
    Await.until("the alarm in the dashboard's list", WAIT,
        () -> erin.jsonUnchecked("/api/v1/web/alarms?hours=24").get("alarms").toString().contains(loco));
    JsonNode alarm = first(erin.json("/api/v1/web/alarms?hours=24"), loco);
    assertEquals("active-unacknowledged", alarm.get("state").asText());
    assertEquals(3, alarm.get("tier").asInt());
    assertEquals("3.712", alarm.get("value").asText(), "value_milli 3712 at its resolution");
    assertEquals(Long.toString(boot), alarm.get("bootId").asText());

    String ack = "{\"locomotive\":\"" + loco + "\",\"bootId\":\"" + boot + "\",\"sequence\":7,"
        + "\"comment\":\"cell 17 checked, balancing\"}";
    assertEquals(403, erin.post("/api/v1/web/alarms/ack", ack, null).statusCode(), "no CSRF token");
    assertEquals(403, erin.post("/api/v1/web/alarms/ack", ack, "A".repeat(43)).statusCode(), "a wrong CSRF token");

    Browser vic = new Browser(web.base);
    assertEquals(200, vic.login("vic", VIEWER_PASSWORD).statusCode());
    HttpResponse<String> refused = vic.post("/api/v1/web/alarms/ack", ack, vic.json("/auth/me").get("csrfToken").asText());
    assertEquals(403, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("only an engineer"), refused.body());
    assertEquals(0, Sql.count(web.station.dataSource(), "SELECT count(*) FROM alarm_ack"));

    String csrf = erin.json("/auth/me").get("csrfToken").asText();
    HttpResponse<String> done = erin.post("/api/v1/web/alarms/ack", ack, csrf);
    assertEquals(200, done.statusCode(), done.body());
    JsonNode acked = first(erin.json("/api/v1/web/alarms?hours=24"), loco);
    assertEquals("active-acknowledged", acked.get("state").asText());
    assertEquals("erin", acked.get("ackedBy").asText());
    assertEquals("cell 17 checked, balancing", acked.get("comment").asText());
    assertNotNull(acked.get("ackedAt").asText());
    assertEquals(1, Sql.count(web.station.dataSource(),
        "SELECT count(*) FROM web_audit WHERE user_name = 'erin' AND action = 'acknowledge'"));
    JsonNode again = new ObjectMapper().readTree(erin.post("/api/v1/web/alarms/ack", ack, csrf).body());
    assertFalse(again.get("first").asBoolean(), "the first acknowledgement stands");
    String noSuch = ack.replace("\"sequence\":7", "\"sequence\":8");
    assertEquals(400, erin.post("/api/v1/web/alarms/ack", noSuch, csrf).statusCode(), "no alarm with sequence 8");
  }

  @Test
  void fiveWrongPasswordsSlowTheNextAttemptsEvenWithTheRightOne() throws Exception {
    Browser mallory = new Browser(web.base);
    for (int i = 1; i <= LoginThrottle.FREE_FAILURES; i++) {
      assertEquals(401, mallory.login("mallory-target", "wrong guess number " + i).statusCode(), "guess " + i);
    }
    HttpResponse<String> slowed = mallory.login("mallory-target", "a long enough secret");
    assertEquals(429, slowed.statusCode(), slowed.body());
    long retry = Long.parseLong(slowed.headers().firstValue("Retry-After").orElseThrow());
    assertTrue(retry >= 1 && retry <= LoginThrottle.FIRST_LOCK.toSeconds(), "Retry-After " + retry);
    assertEquals(401, mallory.get("/api/v1/fleet").statusCode(), "no session was made");
  }

  @Test
  void passwordsAreKeptOnlyAsBcryptHashes() {
    String hash = Sql.text(web.station.dataSource(), "SELECT password_hash FROM web_user WHERE name = 'erin'");
    assertTrue(hash.startsWith("$2a$12$") && hash.length() == 60, hash);
    assertFalse(hash.contains(ENGINEER_PASSWORD));
    assertThrows(IllegalArgumentException.class, () ->
        new UserStore(web.station.dataSource()).add("shorty", Role.VIEWER, "short".toCharArray(), false));
  }

  private static JsonNode first(JsonNode list, String loco) {
    for (JsonNode a : list.get("alarms")) {
      if (a.get("locomotive").asText().equals(loco)) {
        return a;
      }
    }
    throw new AssertionError("no alarm of " + loco + " in " + list);
  }

  private static void publish(String topic, byte[] payload) throws Exception {
    MqttClient c = new MqttClient(web.broker.url(), "dashboard-test-" + System.nanoTime(), new MemoryPersistence());
    c.connect();
    c.publish(topic, payload, 1, false);
    c.disconnect();
    c.close();
  }

  /** A client that keeps its cookies, as a browser does. */
  static final class Browser {
    private final String base;
    private final HttpClient http;

    Browser(String base) {
      this(base, HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build());
    }

    Browser(String base, HttpClient http) {
      this.base = base;
      this.http = http;
    }

    HttpResponse<String> get(String path) throws Exception {
      return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    }

    /** A live stream ({@code text/event-stream}), its body read as it comes. */
    HttpResponse<java.io.InputStream> stream(String path) throws Exception {
      return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/event-stream").build(),
          HttpResponse.BodyHandlers.ofInputStream());
    }

    JsonNode json(String path) throws Exception {
      HttpResponse<String> r = get(path);
      assertEquals(200, r.statusCode(), path + ": " + r.body());
      return new ObjectMapper().readTree(r.body());
    }

    JsonNode jsonUnchecked(String path) {
      try {
        return json(path);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    HttpResponse<String> post(String path, String body, String csrf) throws Exception {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
      if (csrf != null) {
        b.header("X-CSRF-Token", csrf);
      }
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> login(String user, String password) throws Exception {
      return post("/auth/login", "{\"user\":\"" + user + "\",\"password\":\"" + password + "\"}", null);
    }
  }
}
