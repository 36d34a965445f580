package io.locolink.ground.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.ground.testing.Sql;
import io.locolink.ground.testing.TestPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;

/** The schema migrates an empty database, and one at the previous version without losing its rows. */
class MigrationTest {

  @Test
  void migratesAnEmptyDatabaseToTheNewestVersion() {
    String url = TestPostgres.freshDatabase();
    List<MigrationInfo> all = List.of(flyway(url, null).info().all());
    assertTrue(all.size() >= 2, "at least two migrations to check an upgrade with");
    try (StationDatabase db = StationDatabase.server(url, "postgres", null)) {
      assertEquals(all.getLast().getVersion().getVersion(), db.schemaVersion());
      assertEquals(all.size(), Sql.count(db.dataSource(), "SELECT count(*) FROM flyway_schema_history WHERE success"));
    }
  }

  @Test
  void migratesADatabaseAtThePreviousVersionAndKeepsItsRows() throws Exception {
    String url = TestPostgres.freshDatabase();
    List<MigrationInfo> all = List.of(flyway(url, null).info().all());
    String previous = all.get(all.size() - 2).getVersion().getVersion();
    flyway(url, previous).migrate();
    var ds = new org.postgresql.ds.PGSimpleDataSource();
    ds.setUrl(url);
    ds.setUser("postgres");
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO locomotive (name) VALUES ('KZ-0042')");
      s.execute("CREATE TABLE raw_message_p20261202 PARTITION OF raw_message FOR VALUES FROM ('2026-12-02 00:00:00+00') "
          + "TO ('2026-12-03 00:00:00+00')");
      s.execute("INSERT INTO raw_message VALUES ('2026-12-02 10:00:00+00', now(), 7, 1, 1, 1, false, '\\x0a00')");
      s.execute("INSERT INTO gap (locomotive_id, boot_id, first_seq, last_seq, missing, opened) "
          + "VALUES (1, 7, 2, 4, 3, now())");
    }
    try (StationDatabase db = StationDatabase.server(url, "postgres", null)) {
      assertEquals(all.getLast().getVersion().getVersion(), db.schemaVersion());
      assertEquals(1, Sql.count(db.dataSource(), "SELECT count(*) FROM raw_message WHERE sequence = 1"));
      assertEquals(3, Sql.count(db.dataSource(), "SELECT missing FROM gap"));
      // And the migrated store takes new messages of every kind.
      BatchWriter writer = new BatchWriter(db.dataSource(), new LocomotiveIds(), new Partitions());
      WriteResult r = writer.write(List.of(new Incoming("KZ-0042", Stream.ENERGY, 7, 3, 1_764_669_600_000L,
          1_764_669_600_000L, true, false, new byte[] {2}, new EnergyRow(1_764_669_600_000L, 300, 10, 2, 0, 0, 0, 0, 0, 0, 0,
          null, null, 1, 1, 3, "KZ-0042"))), List.of());
      assertEquals(1, r.stored());
      assertEquals(1, Sql.count(db.dataSource(), "SELECT count(*) FROM energy_record"));
    }
  }

  @Test
  void aStoreFromBeforeGapDaysHasItsOpenGapsCountedPerDay() throws Exception {
    String url = TestPostgres.freshDatabase();
    flyway(url, "3").migrate();
    var ds = new org.postgresql.ds.PGSimpleDataSource();
    ds.setUrl(url);
    ds.setUser("postgres");
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO locomotive (name) VALUES ('KZ-0042'), ('KZ-0043')");
      s.execute("INSERT INTO gap (locomotive_id, boot_id, first_seq, last_seq, missing, opened) VALUES "
          + "(1, 7, 2, 4, 3, '2026-12-02 10:00:00+00'), (1, 8, 10, 19, 6, '2026-12-02 23:59:59+00'), "
          + "(1, 8, 30, 31, 2, '2026-12-03 00:00:00+00'), (2, 1, 5, 5, 0, '2026-12-02 11:00:00+00')");
    }
    try (StationDatabase db = StationDatabase.server(url, "postgres", null)) {
      assertEquals(3 + 6, Sql.count(db.dataSource(), "SELECT missing FROM gap_day WHERE locomotive_id = 1 "
          + "AND day = '2026-12-02'"));
      assertEquals(2, Sql.count(db.dataSource(), "SELECT missing FROM gap_day WHERE locomotive_id = 1 "
          + "AND day = '2026-12-03'"));
      assertEquals(0, Sql.count(db.dataSource(), "SELECT count(*) FROM gap_day WHERE locomotive_id = 2"),
          "a closed gap misses nothing");
    }
  }

  @Test
  void aStoreFromBeforeTheMinuteLogKeepsItsMinutesWaitingForARollup() throws Exception {
    String url = TestPostgres.freshDatabase();
    flyway(url, "5").migrate();
    var ds = new org.postgresql.ds.PGSimpleDataSource();
    ds.setUrl(url);
    ds.setUser("postgres");
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO minute_pending (locomotive_id, minute, ready_at) VALUES "
          + "(2, '2026-12-02 10:00:00+00', '2026-12-02 10:01:05+00'), (1, '2026-12-02 10:00:00+00', "
          + "'2026-12-02 10:01:07+00'), (1, '2026-12-02 10:01:00+00', '2026-12-02 10:02:05+00')");
    }
    try (StationDatabase db = StationDatabase.server(url, "postgres", null)) {
      assertEquals(2, Sql.count(db.dataSource(), "SELECT count(*) FROM minute_log"));
      assertEquals("{1,2}", Sql.text(db.dataSource(), "SELECT locomotives::text FROM minute_log "
          + "WHERE minute = '2026-12-02 10:00:00+00'"));
      assertEquals(1, Sql.count(db.dataSource(), "SELECT count(*) FROM minute_log WHERE minute = "
          + "'2026-12-02 10:00:00+00' AND ready_at = '2026-12-02 10:01:07+00'"), "the later of the two marks");
      assertEquals("{1}", Sql.text(db.dataSource(), "SELECT locomotives::text FROM minute_log "
          + "WHERE minute = '2026-12-02 10:01:00+00'"));
      assertEquals(0, Sql.count(db.dataSource(), "SELECT count(*) FROM pg_tables WHERE tablename = 'minute_pending'"));
    }
  }

  private static Flyway flyway(String url, String target) {
    var config = Flyway.configure().dataSource(url, "postgres", null).locations("classpath:db/migration");
    if (target != null) {
      config.target(target);
    }
    return config.load();
  }
}
