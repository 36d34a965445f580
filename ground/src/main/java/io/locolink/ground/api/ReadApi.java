package io.locolink.ground.api;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.locolink.ground.store.Channel;
import io.locolink.ground.store.FleetEntry;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The read API's routes under {@code /api/v1}. Stateless; the handlers run on Jetty's threads. */
final class ReadApi implements RoutePlugin {

  @Override
  public void install(JavalinConfig config, StationServices services) {
    config.routes.get("/api/v1/health", ctx -> ctx.json(services.health().get()));
    config.routes.get("/api/v1/fleet", ctx -> fleet(ctx, services));
  }

  private static void fleet(Context ctx, StationServices services) throws SQLException {
    List<FleetEntry> entries = services.fleet().snapshot(Instant.now());
    if (Formats.csv(ctx)) {
      List<String> header = new ArrayList<>(List.of("locomotive", "link", "stale", "lastSeen", "gapsToday",
          "queueDepth"));
      for (Channel ch : Channel.values()) {
        header.add(ch.apiName());
      }
      List<List<Object>> rows = new ArrayList<>();
      for (FleetEntry e : entries) {
        List<Object> row = new ArrayList<>(List.of(e.locomotive(), e.link(), e.stale(),
            e.lastSeen() == null ? "" : e.lastSeen().toString(), e.gapsToday(),
            e.queueDepth() == null ? "" : e.queueDepth()));
        for (Channel ch : Channel.values()) {
          BigDecimal v = e.values().get(ch.apiName());
          row.add(v == null ? "" : v.toPlainString());
        }
        rows.add(row);
      }
      Formats.writeCsv(ctx, "fleet.csv", header, rows);
      return;
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (FleetEntry e : entries) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("locomotive", e.locomotive());
      m.put("link", e.link());
      m.put("stale", e.stale());
      m.put("lastSeen", e.lastSeen() == null ? null : e.lastSeen().toString());
      m.put("gapsToday", e.gapsToday());
      m.put("queueDepth", e.queueDepth());
      m.put("values", e.values());
      out.add(m);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("time", Instant.now().toString());
    body.put("units", Formats.units());
    body.put("locomotives", out);
    ctx.json(body);
  }
}
