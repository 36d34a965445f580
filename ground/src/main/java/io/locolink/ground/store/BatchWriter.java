package io.locolink.ground.store;

import io.locolink.ground.store.Incoming.Key;
import io.locolink.ground.store.SequenceAccounting.BootKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Writes a batch of decoded messages and dead letters in one transaction: raw bytes first (the
 * primary key drops what the store already holds), then, for the new messages only, their decoded
 * rows, the latest state (at most once per interval and locomotive, see {@link #flushLatest}) and the
 * sequence accounting. When {@link #write} returns the batch is
 * committed; when it throws nothing of it is. Thread-safe: each call takes its own connection, so several
 * ingest threads may write batches through one writer at once.
 */
public final class BatchWriter {

  /** SQLSTATE of a unique-key violation. */
  private static final String UNIQUE_VIOLATION = "23505";

  private final DataSource dataSource;
  private final LocomotiveIds ids;
  private final Partitions partitions;
  /** Boots whose accounting row exists (they are never deleted), so it is only locked, not inserted first. */
  private final Set<BootKey> knownBoots = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final LatestRows latest;

  /** A writer that rewrites each locomotive's latest row in every batch that holds a frame of it. */
  public BatchWriter(DataSource dataSource, LocomotiveIds ids, Partitions partitions) {
    this(dataSource, ids, partitions, Duration.ZERO);
  }

  /**
   * A writer that rewrites each locomotive's latest row ({@code locomotive_latest}) at most once per
   * {@code latestEvery}: a batch defers the row of a locomotive written less than that ago, and
   * {@link #flushLatest} writes it once the interval has passed. The row then lags the newest stored
   * frame by at most {@code latestEvery} plus the time until the next {@link #flushLatest} call.
   */
  public BatchWriter(DataSource dataSource, LocomotiveIds ids, Partitions partitions, Duration latestEvery) {
    this.dataSource = dataSource;
    this.ids = ids;
    this.partitions = partitions;
    this.latest = new LatestRows(latestEvery.toNanos());
  }

  /**
   * Stores {@code messages} and {@code deadLetters} and commits.
   *
   * @throws SQLException if the database refused the batch; nothing of it was committed
   */
  public WriteResult write(List<Incoming> messages, List<DeadLetter> deadLetters) throws SQLException {
    Map<Key, Incoming> unique = new LinkedHashMap<>();
    for (Incoming m : messages) {
      unique.putIfAbsent(m.key(), m);
    }
    try (Connection c = dataSource.getConnection()) {
      Set<String> names = new HashSet<>();
      unique.values().forEach(m -> names.add(m.locomotive()));
      Map<String, Integer> idOf = ids.resolve(c, names);
      List<Long> rawTimes = new ArrayList<>();
      List<Long> secondTimes = new ArrayList<>();
      List<Long> energyTimes = new ArrayList<>();
      List<Long> alarmTimes = new ArrayList<>();
      for (Incoming m : unique.values()) {
        rawTimes.add(m.timeMs());
        switch (m.content()) {
          case Incoming.Telemetry t -> t.seconds().forEach(r -> secondTimes.add(r.timeMs()));
          case EnergyRow e -> energyTimes.add(e.periodEndMs());
          case AlarmRow a -> alarmTimes.add(m.timeMs());
          default -> { }
        }
      }
      partitions.ensure(c, PartitionedTable.RAW_MESSAGE, rawTimes);
      partitions.ensure(c, PartitionedTable.FRAME_SECOND, secondTimes);
      partitions.ensure(c, PartitionedTable.ENERGY_RECORD, energyTimes);
      partitions.ensure(c, PartitionedTable.ALARM_EVENT, alarmTimes);
      partitions.ensure(c, PartitionedTable.DEAD_LETTER, deadLetters.stream().map(DeadLetter::receivedMs).toList());
      c.setAutoCommit(false);
      try {
        List<Incoming> fresh = insertRaw(c, unique, idOf);
        long nowMs = System.currentTimeMillis();
        insertSeconds(c, fresh, idOf, nowMs);
        RecordWriter.energy(c, fresh, idOf);
        RecordWriter.alarms(c, fresh, idOf);
        RecordWriter.trips(c, fresh, idOf);
        Map<Integer, StateUpdates.Newest> newest = StateUpdates.newest(fresh, idOf);
        long nowNanos = System.nanoTime();
        Map<Integer, StateUpdates.Newest> due = latest.due(newest, nowNanos);
        StateUpdates.latest(c, due);
        List<Incoming> statuses = StateUpdates.newStatuses(c, messages, fresh, idOf);
        StateUpdates.status(c, statuses, idOf);
        long filled = SequenceAccounting.apply(c, sequences(fresh, idOf), nowMs, knownBoots);
        insertDeadLetters(c, deadLetters);
        c.commit();
        latest.committed(due, deferred(newest, due, idOf), nowNanos);
        Set<String> touched = new HashSet<>();
        fresh.forEach(m -> touched.add(m.locomotive()));
        statuses.forEach(m -> touched.add(m.locomotive()));
        return new WriteResult(fresh.size(), messages.size() - fresh.size(), deadLetters.size(), filled, touched);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  /**
   * Writes the latest rows deferred by earlier batches whose interval has passed ({@code all}: every
   * deferred one, as when the ingest stops), in a transaction of their own. Each writer thread calls
   * it between batches; it is safe to call from several at once.
   *
   * @return the locomotives whose latest row this wrote
   * @throws SQLException if the database refused; the rows stay deferred for the next call
   */
  public Set<String> flushLatest(boolean all) throws SQLException {
    if (!latest.hasPending()) {
      return Set.of();
    }
    long nowNanos = System.nanoTime();
    Map<Integer, LatestRows.Pending> taken = latest.takeDue(nowNanos, all);
    if (taken.isEmpty()) {
      return Set.of();
    }
    Map<Integer, StateUpdates.Newest> rows = new TreeMap<>();
    Set<String> names = new HashSet<>();
    taken.forEach((id, p) -> {
      rows.put(id, p.newest());
      names.add(p.name());
    });
    try (Connection c = dataSource.getConnection()) {
      StateUpdates.latest(c, rows);
    } catch (SQLException | RuntimeException e) {
      latest.putBack(taken);
      throw e;
    }
    latest.committed(rows, Map.of(), nowNanos);
    return names;
  }

  /** The newest seconds of a batch whose latest rows were not due, with their locomotives' names. */
  private static Map<Integer, LatestRows.Pending> deferred(Map<Integer, StateUpdates.Newest> newest,
      Map<Integer, StateUpdates.Newest> due, Map<String, Integer> idOf) {
    if (due.size() == newest.size()) {
      return Map.of();
    }
    Map<Integer, String> nameOf = new HashMap<>();
    idOf.forEach((name, id) -> nameOf.put(id, name));
    Map<Integer, LatestRows.Pending> out = new HashMap<>();
    newest.forEach((id, t) -> {
      if (!due.containsKey(id)) {
        out.put(id, new LatestRows.Pending(t, nameOf.get(id)));
      }
    });
    return out;
  }

  /**
   * Inserts the raw messages; returns those the store did not hold yet, in batch order. The common
   * case, a batch of messages the store has never seen, goes in as one binary COPY; if the primary
   * key refuses any of them (a redelivery), the COPY is rolled back to a savepoint and the batch is
   * inserted row by row past the duplicates, which reports the ones it took.
   */
  private static List<Incoming> insertRaw(Connection c, Map<Key, Incoming> unique, Map<String, Integer> idOf)
      throws SQLException {
    if (unique.isEmpty()) {
      return List.of();
    }
    BinaryCopy copy = new BinaryCopy(unique.size() * 360);
    for (Incoming m : unique.values()) {
      copy.row(8).timestampMs(m.timeMs()).timestampMs(m.receivedMs()).int8(m.bootId()).int8(m.sequence())
          .int4(idOf.get(m.locomotive())).int2(m.stream().code()).bool(m.historical()).bytea(m.payload());
    }
    Savepoint beforeCopy = c.setSavepoint();
    try {
      copy.copyInto(c, PartitionedTable.RAW_MESSAGE.copyTarget(unique.values().stream().mapToLong(Incoming::timeMs))
          + " (time, received, boot_id, sequence, locomotive_id, stream, historical, payload)");
      c.releaseSavepoint(beforeCopy);
      return new ArrayList<>(unique.values());
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      c.rollback(beforeCopy);
      return insertRawSkippingDuplicates(c, unique, idOf);
    }
  }

  /** Inserts the raw messages the store does not hold yet (ON CONFLICT DO NOTHING); returns those, in batch order. */
  private static List<Incoming> insertRawSkippingDuplicates(Connection c, Map<Key, Incoming> unique,
      Map<String, Integer> idOf) throws SQLException {
    int n = unique.size();
    Object[] time = new Object[n];
    Object[] received = new Object[n];
    Object[] boot = new Object[n];
    Object[] seq = new Object[n];
    Object[] loco = new Object[n];
    Object[] stream = new Object[n];
    Object[] historical = new Object[n];
    byte[][] payload = new byte[n][];
    int i = 0;
    for (Incoming m : unique.values()) {
      time[i] = m.timeMs();
      received[i] = m.receivedMs();
      boot[i] = m.bootId();
      seq[i] = m.sequence();
      loco[i] = idOf.get(m.locomotive());
      stream[i] = m.stream().code();
      historical[i] = m.historical();
      payload[i++] = m.payload();
    }
    Map<String, Incoming> byRawKey = new HashMap<>();
    for (Incoming m : unique.values()) {
      byRawKey.put(rawKey(idOf.get(m.locomotive()), m.bootId(), m.stream().code(), m.sequence(), m.timeMs()), m);
    }
    Set<Incoming> inserted = Collections.newSetFromMap(new IdentityHashMap<>());
    try (PreparedStatement s = c.prepareStatement("INSERT INTO raw_message (time, received, boot_id, sequence, "
        + "locomotive_id, stream, historical, payload) SELECT timestamptz 'epoch' + t * interval '1 millisecond', "
        + "timestamptz 'epoch' + r * interval '1 millisecond', b, q, l, s, h, p FROM unnest(?::int8[], ?::int8[], "
        + "?::int8[], ?::int8[], ?::int4[], ?::int2[], ?::bool[], ?::bytea[]) AS u(t, r, b, q, l, s, h, p) "
        + "ON CONFLICT DO NOTHING RETURNING locomotive_id, boot_id, stream, sequence, "
        + "(extract(epoch FROM time) * 1000)::int8")) {
      s.setArray(1, c.createArrayOf("int8", time));
      s.setArray(2, c.createArrayOf("int8", received));
      s.setArray(3, c.createArrayOf("int8", boot));
      s.setArray(4, c.createArrayOf("int8", seq));
      s.setArray(5, c.createArrayOf("int4", loco));
      s.setArray(6, c.createArrayOf("int2", stream));
      s.setArray(7, c.createArrayOf("bool", historical));
      s.setArray(8, c.createArrayOf("bytea", payload));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          Incoming m = byRawKey.get(rawKey(rs.getInt(1), rs.getLong(2), rs.getInt(3), rs.getLong(4), rs.getLong(5)));
          if (m != null) {
            inserted.add(m);
          }
        }
      }
    }
    List<Incoming> fresh = new ArrayList<>();
    for (Incoming m : unique.values()) {
      if (inserted.contains(m)) {
        fresh.add(m);
      }
    }
    return fresh;
  }

  private static String rawKey(int loco, long boot, int stream, long seq, long timeMs) {
    return loco + "/" + boot + "/" + stream + "/" + seq + "/" + timeMs;
  }

  /** Copies the per-second rows of the new telemetry and marks their minutes for a rollup. */
  private static void insertSeconds(Connection c, List<Incoming> fresh, Map<String, Integer> idOf, long nowMs)
      throws SQLException {
    List<SecondRow> rows = new ArrayList<>();
    List<Integer> locos = new ArrayList<>();
    for (Incoming m : fresh) {
      if (m.content() instanceof Incoming.Telemetry t) {
        for (SecondRow r : t.seconds()) {
          rows.add(r);
          locos.add(idOf.get(m.locomotive()));
        }
      }
    }
    if (rows.isEmpty()) {
      return;
    }
    BinaryCopy copy = new BinaryCopy(rows.size() * 200);
    for (int i = 0; i < rows.size(); i++) {
      SecondColumns.write(copy, rows.get(i), locos.get(i));
    }
    copy.copyInto(c, PartitionedTable.FRAME_SECOND.copyTarget(rows.stream().mapToLong(SecondRow::timeMs))
        + " (" + SecondColumns.names() + ")");
    MinuteRollups.mark(c, rows, locos, nowMs);
  }

  private static Map<BootKey, List<Long>> sequences(List<Incoming> fresh, Map<String, Integer> idOf) {
    Map<BootKey, List<Long>> out = new TreeMap<>();
    for (Incoming m : fresh) {
      if (m.stream().sequenced()) {
        out.computeIfAbsent(new BootKey(idOf.get(m.locomotive()), m.bootId()), k -> new ArrayList<>()).add(m.sequence());
      }
    }
    return out;
  }

  private static void insertDeadLetters(Connection c, List<DeadLetter> letters) throws SQLException {
    if (letters.isEmpty()) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO dead_letter (received, topic, reason, payload_length, payload) VALUES (?, ?, ?, ?, ?)")) {
      for (DeadLetter d : letters) {
        s.setTimestamp(1, new Timestamp(d.receivedMs()));
        s.setString(2, d.topic());
        s.setString(3, d.reason());
        s.setInt(4, d.payloadLength());
        s.setBytes(5, d.payload());
        s.addBatch();
      }
      s.executeBatch();
    }
  }
}
