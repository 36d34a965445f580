package io.locolink.ground.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.locolink.ground.testing.Sql;
import io.locolink.ground.testing.TestPostgres;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The batch writer's binary COPY path stores values exactly (times to the millisecond, NULLs,
 * negative numbers, the raw bytes), and a batch that repeats messages the store already holds
 * stores only the new ones: the COPY is refused by the primary key and the batch goes in past the
 * duplicates instead. A batch within one day is copied into that day's partitions, one across
 * midnight lands each row in its own day's.
 */
class BatchWriterTest {

  private static final long T0 = Instant.parse("2026-03-14T15:09:26Z").toEpochMilli();

  private static StationDatabase db;
  private static BatchWriter writer;

  @BeforeAll
  static void open() {
    db = StationDatabase.server(TestPostgres.freshDatabase(), "postgres", null);
    writer = new BatchWriter(db.dataSource(), new LocomotiveIds(), new Partitions());
  }

  @AfterAll
  static void close() {
    db.close();
  }

  private static Incoming telemetry(String loco, long seq, int packDa) {
    long t = T0 + seq * 1000L;
    SecondRow row = new SecondRow(t, 123_456_789_012L, 71_234, packDa, packDa - 5, packDa + 5, -2_000, null, null,
        null, 1_250, -337_000_001, 1_512_345_678, 900, 3, 801, 20, 980, null, 3_280, 17, 3_310, 101, -250, 270, 55,
        600, 650, 400, 0);
    return new Incoming(loco, Stream.TELEMETRY, 77, seq, t + 250, t + 900, false, false, new byte[] {(byte) seq, 0, -1, 10},
        new Incoming.Telemetry(List.of(row)));
  }

  @Test
  void binaryCopyStoresEveryValueExactly() throws Exception {
    WriteResult r = writer.write(List.of(telemetry("BW-1", 1, -31_000)), List.of());
    assertEquals(1, r.stored());
    var ds = db.dataSource();
    String where = " FROM frame_second f JOIN locomotive l ON l.id = f.locomotive_id WHERE l.name = 'BW-1'";
    assertEquals(T0 + 1000, Sql.count(ds, "SELECT (extract(epoch FROM f.time) * 1000)::int8" + where));
    assertEquals(123_456_789_012L, Sql.count(ds, "SELECT odometer_m" + where));
    assertEquals(-31_000, Sql.count(ds, "SELECT pack_da" + where));
    assertEquals(-31_005, Sql.count(ds, "SELECT pack_da_min" + where));
    assertEquals(-2_000, Sql.count(ds, "SELECT pack_hw" + where));
    assertEquals(-337_000_001, Sql.count(ds, "SELECT latitude_e7" + where));
    assertEquals(-250, Sql.count(ds, "SELECT cell_temp_min_dc" + where));
    assertEquals(1, Sql.count(ds, "SELECT count(*)" + where + " AND drive_hw IS NULL AND bms_soc_pm IS NULL"));
    assertEquals(3, Sql.count(ds, "SELECT quality" + where));
    String raw = " FROM raw_message m JOIN locomotive l ON l.id = m.locomotive_id WHERE l.name = 'BW-1'";
    assertEquals(T0 + 1250, Sql.count(ds, "SELECT (extract(epoch FROM m.time) * 1000)::int8" + raw));
    assertEquals(T0 + 1900, Sql.count(ds, "SELECT (extract(epoch FROM m.received) * 1000)::int8" + raw));
    assertEquals(77, Sql.count(ds, "SELECT boot_id" + raw));
    assertEquals(1, Sql.count(ds, "SELECT stream" + raw));
    assertEquals("\\x0100ff0a", Sql.text(ds, "SELECT payload::text" + raw));
  }

  @Test
  void aSecondArrivingAfterItsMinuteWasRolledUpIsRolledUpAgain() throws Exception {
    long minute = Instant.parse("2026-03-14T15:10:00Z").toEpochMilli();
    List<Incoming> first = new java.util.ArrayList<>();
    long expectedSum = 0;
    for (int s = 0; s < 59; s++) {  // second 59 is late
      first.add(second("BW-3", s + 1, minute + s * 1000L, s * 10));
      expectedSum += s * 10;
    }
    writer.write(first, List.of());
    var ds = db.dataSource();
    String row = " FROM frame_minute t JOIN locomotive l ON l.id = t.locomotive_id WHERE l.name = 'BW-3'";
    assertEquals(0, Sql.count(ds, "SELECT count(*)" + row), "not rolled up before the minute is complete");
    long later = System.currentTimeMillis() + 60_000;
    MinuteRollups.rollUp(ds, new Partitions(), later, 10_000);
    assertEquals(59, Sql.count(ds, "SELECT seconds" + row));
    assertEquals(expectedSum, Sql.count(ds, "SELECT pack_current_sum" + row));
    assertEquals(580, Sql.count(ds, "SELECT pack_current_max" + row));
    writer.write(List.of(second("BW-3", 60, minute + 59_000L, 5_000)), List.of());
    MinuteRollups.rollUp(ds, new Partitions(), later, 10_000);
    assertEquals(60, Sql.count(ds, "SELECT seconds" + row));
    assertEquals(expectedSum + 5_000, Sql.count(ds, "SELECT pack_current_sum" + row));
    assertEquals(5_000, Sql.count(ds, "SELECT pack_current_max" + row));
    assertEquals(0, Sql.count(ds, "SELECT pack_current_min" + row));
    assertEquals(60, Sql.count(ds, "SELECT pack_current_n" + row));
    assertEquals(0, Sql.count(ds, "SELECT count(*) FROM minute_log"));
  }

  private static Incoming second(String loco, long seq, long timeMs, int packDa) {
    SecondRow row = new SecondRow(timeMs, null, null, packDa, null, null, null, null, null, null, null, null, null,
        null, 0, null, null, null, null, null, null, null, null, null, null, null, null, null, null, 0);
    return new Incoming(loco, Stream.TELEMETRY, 5, seq, timeMs, timeMs, false, false, new byte[] {2},
        new Incoming.Telemetry(List.of(row)));
  }

  @Test
  void aBatchRepeatingStoredMessagesStoresOnlyTheNewOnes() throws Exception {
    WriteResult first = writer.write(List.of(telemetry("BW-2", 1, 10), telemetry("BW-2", 2, 20),
        telemetry("BW-2", 3, 30)), List.of());
    assertEquals(3, first.stored());
    WriteResult second = writer.write(List.of(telemetry("BW-2", 2, 20), telemetry("BW-2", 4, 40),
        telemetry("BW-2", 3, 30), telemetry("BW-2", 5, 50)), List.of());
    assertEquals(2, second.stored());
    assertEquals(2, second.duplicates());
    var ds = db.dataSource();
    String loco = " JOIN locomotive l ON l.id = t.locomotive_id WHERE l.name = 'BW-2'";
    assertEquals(5, Sql.count(ds, "SELECT count(*) FROM raw_message t" + loco));
    assertEquals(5, Sql.count(ds, "SELECT count(*) FROM frame_second t" + loco));
    assertEquals(10 + 20 + 30 + 40 + 50, Sql.count(ds, "SELECT sum(pack_da) FROM frame_second t" + loco));
    assertEquals(5, Sql.count(ds, "SELECT received FROM boot t" + loco));
  }

  @Test
  void eachRowLandsInThePartitionOfItsDayAlsoWhenTheBatchSpansMidnight() throws Exception {
    long midnight = Instant.parse("2026-03-16T00:00:00Z").toEpochMilli();
    writer.write(List.of(second("BW-4", 1, midnight - 3_000, 1), second("BW-4", 2, midnight - 2_000, 2)), List.of());
    writer.write(List.of(second("BW-4", 3, midnight - 1_000, 3), second("BW-4", 4, midnight, 4),
        second("BW-4", 5, midnight + 1_000, 5)), List.of());
    var ds = db.dataSource();
    for (String table : List.of("raw_message", "frame_second")) {
      String rows = " FROM " + table + " t JOIN locomotive l ON l.id = t.locomotive_id WHERE l.name = 'BW-4'";
      assertEquals(5, Sql.count(ds, "SELECT count(*)" + rows));
      assertEquals(3, Sql.count(ds, "SELECT count(*)" + rows + " AND t.tableoid = '" + table + "_p20260315'::regclass"));
      assertEquals(2, Sql.count(ds, "SELECT count(*)" + rows + " AND t.tableoid = '" + table + "_p20260316'::regclass"));
    }
  }
}
