package io.locolink.ground.bench;

import io.locolink.ground.ingest.MessageDecoder;
import io.locolink.ground.station.GroundStation;
import io.locolink.ground.store.BatchWriter;
import io.locolink.ground.store.Incoming;
import io.locolink.ground.store.LocomotiveIds;
import io.locolink.ground.store.MinuteRollups;
import io.locolink.ground.store.Partitions;
import io.locolink.ground.store.StationDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The station's batch writer alone, without MQTT (not part of the test run): decoded telemetry
 * frames written in batches by one thread into an embedded PostgreSQL that commits durably, in
 * rounds (each with the next seconds of the same locomotives), and where the server's time went in
 * the last round, statement by statement, from {@code pg_stat_statements}: total, per call and per
 * frame. It shows which statements a batch's cost is made of for a given shape of batch: many frames
 * of each locomotive, or about one (a live fleet).
 *
 * <p>Arguments: {@code [locomotives] [framesPerLocomotive] [batch] [rounds] [latestEveryMs] [rollups]}
 * (default 4,000 locomotives, 10 frames each a round, batches of 2,000, 5 rounds, the station's
 * interval for the latest rows ({@link GroundStation#LATEST_EVERY}), deferred rows flushed after each
 * batch as the station's writer does, and no rollups; {@code rollups} rolls up the logged minutes after
 * each round, as the station does every 2 s). Besides the statements, the last round's WAL
 * ({@code pg_stat_wal}: records, full-page images, bytes per frame) and the PostgreSQL CPU per frame
 * that its statements' time does not account for.
 */
public final class WriterBenchmark {

  private static final long T0 = StationBenchmark.T0;

  private static double lastPostgresMicros;

  private WriterBenchmark() {}

  public static void main(String[] args) throws Exception {
    int locos = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
    int perLoco = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int batch = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    Duration latestEvery = args.length > 4 ? Duration.ofMillis(Long.parseLong(args[4])) : GroundStation.LATEST_EVERY;
    boolean rollups = args.length > 5 && args[5].equals("rollups");
    System.out.printf("# WriterBenchmark %s, %d cores, load average %s%n", Instant.now(),
        Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).strip());
    Path dir = Files.createTempDirectory("writer-bench");
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pgdata"))
        .setOverrideWorkingDirectory(dir.resolve("pgbin").toFile())
        .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
        .setServerConfig("shared_preload_libraries", "pg_stat_statements").start();
        StationDatabase db = StationDatabase.server(pg.getJdbcUrl("postgres", "postgres"), "postgres", null)) {
      try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE EXTENSION pg_stat_statements");
      }
      Partitions partitions = new Partitions();
      BatchWriter writer = new BatchWriter(db.dataSource(), new LocomotiveIds(), partitions, latestEvery);
      System.out.printf("latest rows rewritten at most every %d ms; rollups after each round: %s%n",
          latestEvery.toMillis(), rollups);
      MessageDecoder decoder = new MessageDecoder(65_536);
      Path pgdata = dir.resolve("pgdata");
      int n = 0;
      for (int r = 0; r < rounds; r++) {
        List<Incoming> all = new ArrayList<>();
        for (int s = r * perLoco + 1; s <= (r + 1) * perLoco; s++) {
          for (int l = 0; l < locos; l++) {
            String loco = String.format("KZ-%04d", l);
            byte[] p = StationBenchmark.frame(loco, s, T0 + s * 1000L).toByteArray();
            all.add(((MessageDecoder.Accepted) decoder.decode("locolink/v1/" + loco + "/telemetry", p, T0)).message());
          }
        }
        n = all.size();
        if (r == rounds - 1) {
          try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_statements_reset()");
            s.execute("SELECT pg_stat_reset_shared('wal')");
          }
        }
        CpuMeter.Sample before = CpuMeter.sample(pgdata);
        long t0 = System.nanoTime();
        for (int i = 0; i < all.size(); i += batch) {
          writer.write(all.subList(i, Math.min(all.size(), i + batch)), List.of());
          writer.flushLatest(false);
        }
        writer.flushLatest(true);
        if (rollups) {
          MinuteRollups.rollUp(db.dataSource(), partitions, System.currentTimeMillis() + 3_600_000, Integer.MAX_VALUE);
        }
        long ns = System.nanoTime() - t0;
        double[] cpu = CpuMeter.sample(pgdata).microsPerItem(before, n);
        lastPostgresMicros = cpu[2];
        System.out.printf("round %d: %,d frames from %,d locomotives in batches of %,d: %,.0f frames/s; CPU per frame: "
            + "JVM %.1f µs, PostgreSQL %.1f µs%n", r + 1, n, locos, batch, n / (ns / 1e9), cpu[0], cpu[2]);
      }
      System.out.printf("%nthe last round's statements (pg_stat_statements, server time):%n%n");
      System.out.println("| statement | calls | rows | total ms | µs per frame |");
      System.out.println("|---|---|---|---|---|");
      double statementsMicros = 0;
      try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT calls, rows, total_exec_time, left(regexp_replace(query, '\\s+', ' ', "
              + "'g'), 60) FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' "
              + "AND query NOT LIKE '%pg_stat_reset_shared%' ORDER BY total_exec_time DESC")) {
        while (rs.next()) {
          statementsMicros += rs.getDouble(3) * 1000 / n;
          if (rs.getDouble(3) > 1) {
            System.out.printf("| %s ... | %,d | %,d | %.1f | %.1f |%n", rs.getString(4), rs.getLong(1), rs.getLong(2),
                rs.getDouble(3), rs.getDouble(3) * 1000 / n);
          }
        }
      }
      System.out.printf("%nthe last round: statements %.1f µs of server time per frame; PostgreSQL's CPU %.1f µs per "
          + "frame, %.1f µs beyond its statements' time%n", statementsMicros, lastPostgresMicros,
          lastPostgresMicros - statementsMicros);
      try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT wal_records, wal_fpi, wal_bytes, wal_write, wal_sync FROM pg_stat_wal")) {
        rs.next();
        System.out.printf("WAL in the last round (pg_stat_wal): %.2f records, %.3f full-page images, %,.0f bytes per "
            + "frame; %,d writes, %,d syncs%n", rs.getDouble(1) / n, rs.getDouble(2) / n, rs.getDouble(3) / n,
            rs.getLong(4), rs.getLong(5));
      }
    }
    System.exit(0);
  }
}
