package io.locolink.ground.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The route of a locomotive for the page's polyline ({@code GET /api/v1/web/locomotives/{id}/route?from&to}):
 * the GNSS positions of its per-second rows averaged into at most {@link #MAX_POINTS} buckets, as runs
 * of {@code [longitude, latitude]} in degrees; a run ends where a bucket has no position (no line is
 * drawn across a gap). Thread-safe.
 */
final class RouteTrace {

  static final int MAX_POINTS = 2000;
  private static final Duration MAX_RANGE = Duration.ofDays(31);

  private final DataSource dataSource;

  RouteTrace(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  void handle(Context ctx) throws SQLException {
    Instant from;
    Instant to;
    try {
      to = ctx.queryParam("to") == null ? Instant.now() : Instant.parse(ctx.queryParam("to"));
      from = ctx.queryParam("from") == null ? to.minus(Duration.ofHours(1)) : Instant.parse(ctx.queryParam("from"));
    } catch (DateTimeParseException e) {
      AccessFilter.refuse(ctx, HttpStatus.BAD_REQUEST, "from and to are ISO-8601 instants, e.g. 2026-12-02T10:00:00Z");
      return;
    }
    if (!to.isAfter(from) || Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
      AccessFilter.refuse(ctx, HttpStatus.BAD_REQUEST, "to must be after from, at most 31 days later");
      return;
    }
    ctx.json(Map.of("runs", runs(ctx.pathParam("locomotive"), from, to)));
  }

  List<List<double[]>> runs(String locomotive, Instant from, Instant to) throws SQLException {
    long bucketS = Math.max(1, (Duration.between(from, to).toSeconds() + MAX_POINTS - 1) / MAX_POINTS);
    String sql = "SELECT floor(extract(epoch FROM f.time) / ?)::int8 AS b, avg(f.longitude_e7)::float8, "
        + "avg(f.latitude_e7)::float8 FROM frame_second f JOIN locomotive l ON l.id = f.locomotive_id "
        + "WHERE l.name = ? AND f.time >= ? AND f.time < ? AND f.latitude_e7 IS NOT NULL "
        + "AND f.longitude_e7 IS NOT NULL GROUP BY b ORDER BY b";
    List<List<double[]>> runs = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, bucketS);
      s.setString(2, locomotive);
      s.setTimestamp(3, Timestamp.from(from));
      s.setTimestamp(4, Timestamp.from(to));
      try (ResultSet rs = s.executeQuery()) {
        long previous = Long.MIN_VALUE;
        List<double[]> run = null;
        while (rs.next()) {
          long b = rs.getLong(1);
          if (run == null || b != previous + 1) {
            run = new ArrayList<>();
            runs.add(run);
          }
          run.add(new double[] {rs.getDouble(2) / 1e7, rs.getDouble(3) / 1e7});
          previous = b;
        }
      }
    }
    return runs;
  }
}
