package io.locolink.ground.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates the time partitions rows are about to land in, and drops those retention no longer keeps.
 * A partition is created for any time a message carries, however old (a backlog lands in place)
 * or odd (an unsynced clock); retention removes the old ones. Thread-safe; several stations may
 * share a database: creation is serialised by a transaction-scoped advisory lock.
 */
public final class Partitions {

  /** Advisory lock key serialising partition DDL between station instances ("LOCOPART"). */
  private static final long LOCK_KEY = 0x4C4F434F50415254L;

  private final Set<String> known = ConcurrentHashMap.newKeySet();

  /**
   * Makes sure partitions exist for every time in {@code epochMs}; commits on its own connection
   * state, so call it outside the batch's transaction.
   */
  public void ensure(Connection c, PartitionedTable table, Iterable<Long> epochMs) throws SQLException {
    List<LocalDate> missing = new ArrayList<>();
    long lastDay = Long.MIN_VALUE;
    for (long t : epochMs) {
      long day = Math.floorDiv(t, 86_400_000L);
      if (day == lastDay) {
        continue;  // a batch's times mostly share their day: one look per run of them
      }
      lastDay = day;
      LocalDate start = table.partitionStart(t);
      String name = table.partitionName(start);
      if (!known.contains(name) && !missing.contains(start)) {
        missing.add(start);
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
      for (LocalDate start : missing) {
        String name = table.partitionName(start);
        s.execute("CREATE TABLE IF NOT EXISTS " + name + " PARTITION OF " + table.table()
            + " FOR VALUES FROM ('" + start + " 00:00:00+00') TO ('" + table.partitionEnd(start) + " 00:00:00+00')");
      }
      c.commit();
      for (LocalDate start : missing) {
        known.add(table.partitionName(start));
      }
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
  }

  /**
   * Drops every partition of {@code table} that ends on or before {@code keepFrom} (UTC midnight).
   *
   * @return the names of the dropped partitions
   */
  public List<String> dropBefore(Connection c, PartitionedTable table, LocalDate keepFrom) throws SQLException {
    List<String> dropped = new ArrayList<>();
    List<String> names = new ArrayList<>();
    try (PreparedStatement q = c.prepareStatement(
        "SELECT child.relname FROM pg_inherits JOIN pg_class parent ON parent.oid = inhparent "
            + "JOIN pg_class child ON child.oid = inhrelid WHERE parent.relname = ?")) {
      q.setString(1, table.table());
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
    }
    for (String name : names) {
      LocalDate start = table.startOf(name);
      if (start != null && !table.partitionEnd(start).isAfter(keepFrom)) {
        try (Statement s = c.createStatement()) {
          s.execute("DROP TABLE IF EXISTS " + name);
        }
        known.remove(name);
        dropped.add(name);
      }
    }
    return dropped;
  }
}
