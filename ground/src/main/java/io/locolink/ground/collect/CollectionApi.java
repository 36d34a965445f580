package io.locolink.ground.collect;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.locolink.gateway.trips.TripId;
import io.locolink.ground.api.BadRequest;
import io.locolink.ground.api.NotFound;
import io.locolink.ground.api.RoutePlugin;
import io.locolink.ground.api.StationServices;
import io.locolink.ground.tools.report.TripCsv;
import io.locolink.ground.tools.report.TripData;
import io.locolink.ground.tools.report.TripReport;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The collection's part of the read API:
 * {@code GET /api/v1/collection} (per locomotive: endpoint, last collected, pending trips,
 * consecutive failures with the last reason, trips and energy held; plus the endpoints announced
 * now), {@code GET /api/v1/collection/trips?locomotive=ID&limit=N} (collected trips, newest first),
 * and for a collected trip {@code GET /api/v1/trips/{id}/report} (the HTML trip report) and
 * {@code /api/v1/trips/{id}/csv} (its samples as CSV).
 */
public final class CollectionApi implements RoutePlugin {

  private final CollectionStore store;
  private final LogStore logs;
  private final Supplier<Map<String, DepotEndpoint>> announced;

  public CollectionApi(CollectionStore store, LogStore logs, Supplier<Map<String, DepotEndpoint>> announced) {
    this.store = store;
    this.logs = logs;
    this.announced = announced;
  }

  @Override
  public void install(JavalinConfig config, StationServices services) {
    config.routes.get("/api/v1/collection", this::collection);
    config.routes.get("/api/v1/collection/trips", this::trips);
    config.routes.get("/api/v1/trips/{id}/report", ctx -> {
      CollectionStore.Trip trip = collected(ctx);
      ctx.html(TripReport.render(trip.locomotive() + " " + trip.tripId(), TripData.read(file(trip))));
    });
    config.routes.get("/api/v1/trips/{id}/csv", ctx -> {
      CollectionStore.Trip trip = collected(ctx);
      StringWriter out = new StringWriter();
      TripCsv.write(TripData.read(file(trip)), out);
      ctx.contentType("text/csv; charset=utf-8");
      ctx.header("Content-Disposition", "attachment; filename=\"" + trip.tripId() + ".csv\"");
      ctx.result(out.toString());
    });
  }

  private void collection(Context ctx) throws SQLException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("locomotives", store.states().stream().map(CollectionApi::state).toList());
    body.put("announced", announced.get().values().stream()
        .map(e -> Map.of("locomotive", e.locomotive(), "endpoint", e.uri().toString())).toList());
    ctx.json(body);
  }

  private static Map<String, Object> state(CollectionStore.State s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("locomotive", s.locomotive());
    m.put("endpoint", s.endpoint());
    m.put("lastAttempt", text(s.lastAttempt()));
    m.put("lastCollected", text(s.lastCollected()));
    m.put("pendingTrips", s.pendingTrips());
    m.put("failures", s.failures());
    m.put("lastFailure", text(s.lastFailure()));
    m.put("lastFailureReason", s.lastFailureReason());
    m.put("tripsCollected", s.tripsCollected());
    m.put("energyThrough", text(s.energyThrough()));
    return m;
  }

  private void trips(Context ctx) throws SQLException {
    String loco = ctx.queryParam("locomotive");
    int limit;
    try {
      limit = Integer.parseInt(ctx.queryParamAsClass("limit", String.class).getOrDefault("100"));
    } catch (NumberFormatException e) {
      throw new BadRequest("limit: not a number");
    }
    if (limit < 1 || limit > 10_000) {
      throw new BadRequest("limit must be 1..10000");
    }
    List<Map<String, Object>> out = store.trips(loco, limit).stream().map(t -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("locomotive", t.locomotive());
      m.put("id", t.tripId());
      m.put("start", t.start().toString());
      m.put("end", t.end().toString());
      m.put("sizeBytes", t.sizeBytes());
      m.put("sha256", t.sha256());
      m.put("collected", t.collected().toString());
      m.put("acknowledged", text(t.acknowledged()));
      m.put("report", "/api/v1/trips/" + t.tripId() + "/report");
      m.put("csv", "/api/v1/trips/" + t.tripId() + "/csv");
      return m;
    }).toList();
    ctx.json(out);
  }

  private CollectionStore.Trip collected(Context ctx) throws SQLException {
    String id = ctx.pathParam("id");
    if (!TripId.isValid(id)) {
      throw new BadRequest("not a trip id: " + (id.length() > 40 ? id.substring(0, 40) + "..." : id));
    }
    return store.trip(id).orElseThrow(() -> new NotFound("trip " + id + " is not collected"));
  }

  private Path file(CollectionStore.Trip trip) {
    Path file = logs.log(trip.sha256());
    if (!java.nio.file.Files.isRegularFile(file)) {
      throw new NotFound("the log of trip " + trip.tripId() + " is missing from the log store");
    }
    return file;
  }

  private static String text(java.time.Instant t) {
    return t == null ? null : t.toString();
  }
}
