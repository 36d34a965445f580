package io.locolink.ground.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.locolink.ground.api.ApiServer;
import io.locolink.ground.api.LiveFeed;
import io.locolink.ground.api.StationServices;
import io.locolink.ground.store.BatchWriter;
import io.locolink.ground.store.FleetQueries;
import io.locolink.ground.store.HistoryQueries;
import io.locolink.ground.store.Incoming;
import io.locolink.ground.store.LocomotiveIds;
import io.locolink.ground.store.Partitions;
import io.locolink.ground.store.RecordQueries;
import io.locolink.ground.store.SecondRow;
import io.locolink.ground.store.StationDatabase;
import io.locolink.ground.store.Stream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The fleet snapshot of 4,000 locomotives, stage by stage (not part of the test run): the statement as
 * PostgreSQL executes it ({@code EXPLAIN (ANALYZE, BUFFERS)}, printed once, and its execution time),
 * the store's query with its entries ({@link FleetQueries#snapshot}), and the whole HTTP answer of
 * {@code GET /api/v1/fleet} as the dashboard receives it (Javalin on loopback, body read to its end).
 * Each stage is timed in rounds that take turns, so a change in the machine's load falls on all.
 *
 * <p>The store holds what {@link StationBenchmark}'s fleet part writes (one latest row per locomotive)
 * and, with {@code full}, a status for each locomotive, two active alarms on every tenth and open gaps
 * today on every fifth, so that every join of the statement has rows to join.
 *
 * <p>Arguments: {@code [locomotives] [rounds] [runs a round] [bare|full]} (default 4,000, 10, 20, full).
 */
public final class FleetBenchmark {

  private FleetBenchmark() {}

  public static void main(String[] args) throws Exception {
    int locos = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    boolean full = args.length <= 3 || args[3].equals("full");
    System.out.printf("# FleetBenchmark %s, %d cores, load average %s%n", Instant.now(),
        Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).strip());
    Path dir = Files.createTempDirectory("fleet-bench");
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pgdata"))
        .setOverrideWorkingDirectory(dir.resolve("pgbin").toFile())
        .setServerConfig("shared_preload_libraries", "pg_stat_statements,auto_explain")
        .setServerConfig("auto_explain.log_analyze", "on")
        .setServerConfig("auto_explain.log_buffers", "on").setServerConfig("logging_collector", "on")
        .setServerConfig("log_directory", dir.toString()).setServerConfig("log_filename", "postgresql.log").start();
        StationDatabase db = StationDatabase.server(pg.getJdbcUrl("postgres", "postgres"), "postgres", null)) {
      DataSource ds = db.dataSource();
      try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE EXTENSION pg_stat_statements");
      }
      long now = System.currentTimeMillis() / 1000 * 1000;
      fill(ds, locos, now - 5_000, full);
      FleetQueries fleet = new FleetQueries(ds);
      StationServices services = new StationServices(ds, fleet, new HistoryQueries(ds), new RecordQueries(ds),
          new LiveFeed(), Map::of);
      try (ApiServer api = ApiServer.start("127.0.0.1", 0, services, List.of())) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/api/v1/fleet")).build();
        Stage snapshot = new Stage("FleetQueries.snapshot: statement, fetch, entries", () -> {
          long t = System.nanoTime();
          int n = fleet.snapshot(Instant.now()).size();
          double ms = (System.nanoTime() - t) / 1e6;
          if (n != locos) {
            throw new IllegalStateException(n + " entries, expected " + locos);
          }
          return ms;
        });
        Stage answer = new Stage("GET /api/v1/fleet: the whole JSON answer on loopback", () -> {
          long t = System.nanoTime();
          HttpResponse<byte[]> r = http.send(get, HttpResponse.BodyHandlers.ofByteArray());
          double ms = (System.nanoTime() - t) / 1e6;
          if (r.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + r.statusCode());
          }
          return ms;
        });
        HttpRequest gzip = HttpRequest.newBuilder(get.uri()).header("Accept-Encoding", "gzip").build();
        Stage compressed = new Stage("the same with Accept-Encoding: gzip, as a browser asks", () -> {
          long t = System.nanoTime();
          HttpResponse<byte[]> r = http.send(gzip, HttpResponse.BodyHandlers.ofByteArray());
          double ms = (System.nanoTime() - t) / 1e6;
          if (r.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + r.statusCode());
          }
          return ms;
        });
        List<Stage> stages = List.of(snapshot, answer, compressed);
        serverMsPerCall(ds, 1);
        HttpResponse<byte[]> once = http.send(get, HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> zipped = http.send(gzip, HttpResponse.BodyHandlers.ofByteArray());
        System.out.printf("answer: %,d bytes of JSON; %,d bytes with %s%n", once.body().length,
            zipped.body().length, zipped.headers().firstValue("Content-Encoding").orElse("no compression"));
        System.out.println(explained(ds, dir.resolve("postgresql.log"), snapshot.run()));
        for (int r = 0; r < rounds; r++) {
          for (Stage s : stages) {
            List<Double> ms = new ArrayList<>();
            CpuMeter.Sample before = CpuMeter.sample(dir.resolve("pgdata"));
            for (int i = 0; i < runs; i++) {
              ms.add(s.run.ms());
            }
            double[] cpu = CpuMeter.sample(dir.resolve("pgdata")).microsPerItem(before, runs);
            double server = serverMsPerCall(ds, runs);
            if (r > 0) {
              s.values.addAll(ms);
              s.server.add(server);
              s.cpu[0] += cpu[0] / (rounds - 1) / 1000;
              s.cpu[1] += cpu[2] / (rounds - 1) / 1000;
            }
          }
        }
        System.out.printf("%n%d locomotives (%s store), %d rounds of %d calls a stage taking turns, the first a "
            + "warm-up; load average at the end %s%n", locos, full ? "full" : "bare", rounds, runs,
            Files.readString(Path.of("/proc/loadavg")).strip());
        System.out.printf("| stage | median | 90th percentile | PostgreSQL's execution time a call, median of rounds "
            + "| CPU a call: this JVM (server and client), PostgreSQL |%n|---|---|---|---|---|%n");
        for (Stage s : stages) {
          double[] v = sorted(s.values);
          double[] srv = sorted(s.server);
          System.out.printf("| %s | %.1f ms | %.1f ms | %.1f ms | %.1f ms, %.1f ms |%n", s.name, v[v.length / 2],
              v[(int) (v.length * 0.9)], srv[srv.length / 2], s.cpu[0], s.cpu[1]);
        }
      }
    }
    System.exit(0);
  }

  private static double[] sorted(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    return v;
  }

  private interface Timed {
    double ms() throws Exception;
  }

  private record Stage(String name, Timed run, List<Double> values, List<Double> server, double[] cpu) {
    Stage(String name, Timed run) {
      this(name, run, new ArrayList<>(), new ArrayList<>(), new double[2]);
    }
  }

  /** Server time per call of the statements run since the last reset, in ms; resets. */
  private static double serverMsPerCall(DataSource ds, int calls) throws Exception {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      double total;
      try (ResultSet rs = s.executeQuery("SELECT coalesce(sum(total_exec_time), 0) FROM pg_stat_statements "
          + "WHERE query NOT LIKE '%pg_stat_statements%' AND query NOT ILIKE 'EXPLAIN%'")) {
        rs.next();
        total = rs.getDouble(1);
      }
      s.execute("SELECT pg_stat_statements_reset()");
      return total / calls;
    }
  }

  /**
   * The plans of what one call runs, as PostgreSQL's auto_explain logs them with {@code ANALYZE} and
   * {@code BUFFERS} (on for this call only), read back from the server's log.
   */
  private static String explained(DataSource ds, Path log, Timed call) throws Exception {
    setAutoExplain(ds, 0);
    long before = Files.exists(log) ? Files.size(log) : 0;
    call.ms();
    setAutoExplain(ds, -1);
    String text = Files.exists(log) ? Files.readString(log) : "";
    return text.substring((int) Math.min(before, text.length()));
  }

  private static void setAutoExplain(DataSource ds, int minDurationMs) throws Exception {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("ALTER SYSTEM SET auto_explain.log_min_duration = " + minDurationMs);
      s.execute("SELECT pg_reload_conf()");
    }
    Thread.sleep(500);  // the backends read the new setting before their next statement
  }

  /**
   * Stores one latest second for each of {@code locos} locomotives ({@code FL-0000}...), their times
   * {@code t0} + 1 ms apart; with {@code full} also a status for each, two active alarms on every tenth
   * and open gaps today on every fifth. {@link StationBenchmark}'s fleet row uses it too.
   */
  static void fill(DataSource ds, int locos, long t0, boolean full) throws Exception {
    BatchWriter writer = new BatchWriter(ds, new LocomotiveIds(), new Partitions());
    List<Incoming> batch = new ArrayList<>();
    for (int l = 0; l < locos; l++) {
      String loco = String.format("FL-%04d", l);
      long t = t0 + l;
      long second = t / 1000 * 1000;
      SecondRow row = new SecondRow(second, 1000L, 71000, 100, 90, 110, 700, 650, null, null, 1250, 512_345_678,
          712_345_678, 900, 0, 800, 20, 980, 805, 3280, 17, 3310, 101, 250, 270, 55, 600, 650, 400, 0);
      batch.add(new Incoming(loco, Stream.TELEMETRY, 1, 1, t, t, false, false, new byte[] {0},
          new Incoming.Telemetry(List.of(row))));
    }
    writer.write(batch, List.of());
    if (!full) {
      return;
    }
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO status_latest (locomotive_id, time, received, boot_id, link, software_version, queue_depth, "
          + "oldest_unsent_age_s, dropped_telemetry, dropped_other, uptime_s, set_aside_messages) "
          + "SELECT id, now(), now(), 1, CASE WHEN id % 7 = 0 THEN 'OFFLINE' ELSE 'ONLINE' END, '1.0', id % 13, 0, 0, 0, "
          + "3600, id % 3 FROM locomotive");
      s.execute("INSERT INTO alarm_active (locomotive_id, code, channel_index, raised, tier, value_milli, limit_milli, unit) "
          + "SELECT id, code, 0, now(), tier, 3650, 3600, 'V' FROM locomotive, "
          + "(VALUES ('CELL_OVERVOLTAGE', 2), ('CELL_HOT', 1)) AS a(code, tier) WHERE id % 10 = 0");
      s.execute("INSERT INTO gap_day (day, locomotive_id, missing) SELECT (now() AT TIME ZONE 'UTC')::date, id, id % 17 + 1 "
          + "FROM locomotive WHERE id % 5 = 0");
      s.execute("ANALYZE");
    }
  }
}
