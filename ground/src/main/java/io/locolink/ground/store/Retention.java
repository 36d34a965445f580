package io.locolink.ground.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Drops the partitions older than each table's retention, whole, never row by row. Thread-safe. */
public final class Retention {

  private final DataSource dataSource;
  private final Partitions partitions;
  private final Map<PartitionedTable, Integer> days;

  /** @param days how many days of each table to keep (tables not named are kept for ever) */
  public Retention(DataSource dataSource, Partitions partitions, Map<PartitionedTable, Integer> days) {
    this.dataSource = dataSource;
    this.partitions = partitions;
    this.days = new EnumMap<>(days);
  }

  /**
   * Drops, for each table, the partitions that end on or before {@code today} minus its days.
   *
   * @return the dropped partitions' names
   */
  public List<String> apply(LocalDate today) throws SQLException {
    List<String> dropped = new ArrayList<>();
    try (Connection c = dataSource.getConnection()) {
      for (var e : days.entrySet()) {
        dropped.addAll(partitions.dropBefore(c, e.getKey(), today.minusDays(e.getValue())));
      }
    }
    return dropped;
  }
}
