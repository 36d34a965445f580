package io.locolink.ground.api;

import io.javalin.config.JavalinConfig;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.locolink.ground.store.Channel;
import io.locolink.ground.store.FleetEntry;
import io.locolink.ground.store.FleetField;
import io.locolink.ground.store.History;
import io.locolink.ground.store.Table;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The read API's routes under {@code /api/v1}. Stateless; the handlers run on Jetty's threads. */
final class ReadApi implements RoutePlugin {

  private static final Duration DAY = Duration.ofDays(1);
  private static final Duration MAX_RANGE = Duration.ofDays(3660);

  @Override
  public void install(JavalinConfig config, StationServices services) {
    config.routes.get("/api/v1/health", ctx -> ctx.json(services.health().get()));
    config.routes.get("/api/v1/fleet", ctx -> fleet(ctx, services));
    config.routes.get("/api/v1/locomotives/{locomotive}/history", ctx -> history(ctx, services));
    config.routes.get("/api/v1/energy", ctx -> energy(ctx, services));
    config.routes.get("/api/v1/alarms", ctx -> alarms(ctx, services));
    config.routes.get("/api/v1/gaps", ctx -> {
      Params.Range r = Params.range(ctx, DAY, MAX_RANGE);
      String state = choice(ctx, "state", "all", "open", "closed", "all");
      Boolean open = state.equals("all") ? null : state.equals("open");
      table(ctx, "gaps", services.records().gaps(locomotive(ctx, services), r.from(), r.to(), open));
    });
    config.routes.get("/api/v1/trips", ctx -> {
      Params.Range r = Params.range(ctx, Duration.ofDays(7), MAX_RANGE);
      table(ctx, "trips", services.records().trips(locomotive(ctx, services), r.from(), r.to()));
    });
  }

  private static void history(Context ctx, StationServices services) throws SQLException {
    String loco = ctx.pathParam("locomotive");
    Params.Range r = Params.range(ctx, Duration.ofHours(1), MAX_RANGE);
    List<Channel> channels = Params.channels(ctx);
    int points = Params.integer(ctx, "points", 1000, 1, 10_000);
    boolean csv = Formats.csv(ctx);
    History h = services.history().history(loco, r.from(), r.to(), channels, points)
        .orElseThrow(() -> new NotFound("no locomotive '" + loco + "' in the store"));
    if (csv) {
      List<String> header = new ArrayList<>(List.of("time"));
      for (Channel ch : channels) {
        header.addAll(List.of(ch.apiName() + "Min", ch.apiName() + "Max", ch.apiName() + "Mean"));
      }
      List<List<Object>> rows = new ArrayList<>();
      for (int i = 0; i < h.bucketStartS().length; i++) {
        List<Object> row = new ArrayList<>(List.of(Instant.ofEpochSecond(h.bucketStartS()[i]).toString()));
        for (Channel ch : channels) {
          History.Series s = h.series().get(ch);
          row.add(plain(s.min().get(i)));
          row.add(plain(s.max().get(i)));
          row.add(plain(s.mean().get(i)));
        }
        rows.add(row);
      }
      Formats.writeCsv(ctx, loco + "-history.csv", header, rows);
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("locomotive", loco);
    body.put("from", r.from().toString());
    body.put("to", r.to().toString());
    body.put("bucketSeconds", h.bucketSeconds());
    body.put("source", h.source());
    body.put("time", h.bucketStartS());
    Map<String, Object> series = new LinkedHashMap<>();
    for (Channel ch : channels) {
      History.Series s = h.series().get(ch);
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("unit", ch.unit());
      one.put("min", s.min());
      one.put("max", s.max());
      one.put("mean", s.mean());
      one.put("count", s.count());
      series.put(ch.apiName(), one);
    }
    body.put("channels", series);
    ctx.json(body);
  }

  private static void energy(Context ctx, StationServices services) throws SQLException {
    Params.Range r = Params.range(ctx, DAY, MAX_RANGE);
    String period = choice(ctx, "period", "5min", "5min", "day");
    String loco = locomotive(ctx, services);
    Table t = period.equals("day") ? services.records().energyDays(loco, r.from(), r.to())
        : services.records().energyPeriods(loco, r.from(), r.to());
    table(ctx, "energy", t);
  }

  private static void alarms(Context ctx, StationServices services) throws SQLException {
    String state = choice(ctx, "state", "all", "active", "raised", "cleared", "summary", "all");
    Integer tier = Params.tier(ctx);
    String loco = locomotive(ctx, services);
    if (state.equals("active")) {
      table(ctx, "alarms", services.records().activeAlarms(loco, tier));
      return;
    }
    Params.Range r = Params.range(ctx, DAY, MAX_RANGE);
    Integer event = switch (state) {
      case "raised" -> 1;
      case "cleared" -> 2;
      case "summary" -> 3;
      default -> null;
    };
    int limit = Params.integer(ctx, "limit", 1000, 1, 100_000);
    table(ctx, "alarms", services.records().alarmEvents(loco, r.from(), r.to(), tier, event, limit));
  }

  private static void fleet(Context ctx, StationServices services) throws SQLException, IOException {
    if (!Formats.csv(ctx)) {
      // Written row by row from the store: the dashboard's largest answer (about 470 bytes a locomotive).
      ctx.contentType(ContentType.APPLICATION_JSON);
      FleetJson.write(services.fleet(), Instant.now(), ctx::outputStream);
      return;
    }
    List<FleetEntry> entries = services.fleet().snapshot(Instant.now());
    List<String> header = new ArrayList<>();
    for (FleetField f : FleetField.values()) {
      header.add(f.apiName());
    }
    for (Channel ch : Channel.values()) {
      header.add(ch.apiName());
    }
    List<List<Object>> rows = new ArrayList<>();
    for (FleetEntry e : entries) {
      List<Object> row = new ArrayList<>(header.size());
      FleetField.each(e, new CsvFields(row));
      for (Channel ch : Channel.values()) {
        row.add(plain(e.values().get(ch.apiName())));
      }
      rows.add(row);
    }
    Formats.writeCsv(ctx, "fleet.csv", header, rows);
  }

  /** A fleet entry's fields as CSV cells: a missing value is an empty cell. */
  private record CsvFields(List<Object> cells) implements FleetField.Sink<RuntimeException> {
    @Override
    public void text(FleetField field, String value) {
      cells.add(value);
    }

    @Override
    public void bool(FleetField field, boolean value) {
      cells.add(value);
    }

    @Override
    public void number(FleetField field, long value) {
      cells.add(value);
    }

    @Override
    public void time(FleetField field, long epochMs) {
      cells.add(Instant.ofEpochMilli(epochMs).toString());
    }

    @Override
    public void none(FleetField field) {
      cells.add("");
    }
  }

  /** The optional {@code locomotive} parameter; a name the store does not know is a 404. */
  private static String locomotive(Context ctx, StationServices services) throws SQLException {
    String loco = Params.text(ctx, "locomotive");
    if (loco != null && !services.records().knows(loco)) {
      throw new NotFound("no locomotive '" + loco + "' in the store");
    }
    return loco;
  }

  private static String choice(Context ctx, String name, String fallback, String... allowed) {
    String v = Params.text(ctx, name);
    if (v == null) {
      return fallback;
    }
    for (String a : allowed) {
      if (a.equals(v)) {
        return v;
      }
    }
    throw new BadRequest(name + " must be one of " + String.join(", ", allowed) + ", got '" + v + "'");
  }

  private static void table(Context ctx, String name, Table t) {
    if (Formats.csv(ctx)) {
      List<List<Object>> rows = new ArrayList<>();
      for (List<Object> row : t.rows()) {
        rows.add(row.stream().map(v -> v instanceof BigDecimal d ? d.toPlainString() : v == null ? "" : v).toList());
      }
      Formats.writeCsv(ctx, name + ".csv", t.columns(), rows);
      return;
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (List<Object> row : t.rows()) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (int i = 0; i < t.columns().size(); i++) {
        m.put(t.columns().get(i), row.get(i));
      }
      out.add(m);
    }
    ctx.json(Map.of(name, out));
  }

  private static Object plain(BigDecimal v) {
    return v == null ? "" : v.toPlainString();
  }
}
