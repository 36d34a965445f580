package io.locolink.ground.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alarms of the dashboard: {@code GET /api/v1/web/alarms?hours=H[&locomotive=ID]} lists the
 * occurrences with their state; {@code POST /api/v1/web/alarms/ack} with JSON
 * {@code {locomotive, bootId, sequence, comment}} acknowledges one (engineers and admins only).
 * Boot ids travel as decimal strings: they are 64-bit and JavaScript numbers are not.
 */
final class AlarmRoutes {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_HOURS = 24 * 31;

  private final AlarmLog alarms;

  AlarmRoutes(AlarmLog alarms) {
    this.alarms = alarms;
  }

  void install(JavalinConfig config) {
    config.routes.get("/api/v1/web/alarms", this::list);
    config.routes.post("/api/v1/web/alarms/ack", this::acknowledge);
  }

  private void list(Context ctx) throws SQLException {
    int hours;
    try {
      hours = Integer.parseInt(ctx.queryParamAsClass("hours", String.class).getOrDefault("24"));
    } catch (NumberFormatException e) {
      hours = -1;
    }
    if (hours < 1 || hours > MAX_HOURS) {
      AccessFilter.refuse(ctx, HttpStatus.BAD_REQUEST, "hours must be 1-" + MAX_HOURS);
      return;
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (AlarmOccurrence a : alarms.since(Instant.now().minus(Duration.ofHours(hours)), ctx.queryParam("locomotive"))) {
      out.add(json(a));
    }
    ctx.json(Map.of("alarms", out));
  }

  static Map<String, Object> json(AlarmOccurrence a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("locomotive", a.locomotive());
    m.put("bootId", Long.toString(a.bootId()));
    m.put("sequence", a.sequence());
    m.put("raised", a.raised().toString());
    m.put("code", a.code());
    m.put("tier", a.tier());
    m.put("index", a.channelIndex());
    m.put("value", a.value().toPlainString());
    m.put("limit", a.limit().toPlainString());
    m.put("unit", a.unit());
    m.put("state", a.state());
    m.put("cleared", a.cleared() == null ? null : a.cleared().toString());
    m.put("ackedBy", a.ackedBy());
    m.put("ackedAt", a.ackedAt() == null ? null : a.ackedAt().toString());
    m.put("comment", a.comment());
    return m;
  }

  private void acknowledge(Context ctx) throws SQLException {
    WebSession session = AccessFilter.session(ctx);
    if (!session.user().role().includes(Role.ENGINEER)) {
      AccessFilter.refuse(ctx, HttpStatus.FORBIDDEN, "only an engineer or an admin may acknowledge alarms");
      return;
    }
    String loco;
    long boot;
    long seq;
    String comment;
    try {
      JsonNode body = JSON.readTree(ctx.body());
      loco = body.get("locomotive").asText();
      boot = Long.parseLong(body.get("bootId").asText());
      seq = body.get("sequence").asLong();
      comment = body.hasNonNull("comment") ? body.get("comment").asText() : "";
    } catch (IOException | RuntimeException e) {
      AccessFilter.refuse(ctx, HttpStatus.BAD_REQUEST,
          "expected JSON {\"locomotive\", \"bootId\" (decimal string), \"sequence\", \"comment\"}");
      return;
    }
    try {
      boolean first = alarms.acknowledge(loco, boot, seq, session.user().name(), comment);
      ctx.json(Map.of("acknowledged", true, "first", first));
    } catch (IllegalArgumentException e) {
      AccessFilter.refuse(ctx, HttpStatus.BAD_REQUEST, e.getMessage());
    }
  }
}
