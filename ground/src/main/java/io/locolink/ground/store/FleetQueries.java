package io.locolink.ground.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The fleet snapshot: each locomotive's newest state, link, staleness and open gaps of the day, in one
 * statement over small per-locomotive tables ({@code locomotive_latest}, {@code status_latest},
 * {@code gap_day}, {@code alarm_active}): its cost grows with the fleet, not with the stored history
 * or the number of gaps. Thread-safe.
 */
public final class FleetQueries {

  /**
   * A locomotive whose live frames stopped arriving this long ago is stale: counted from when the
   * station received its last live frame, on the station's clock, not from the time the frame carries
   * (a locomotive's clock may be ahead, as a simulator's accelerated one is, behind, or stand still).
   * Backlog frames (flagged historical) do not count: they are the past, not the locomotive now. Nor
   * do frames the broker held for the station while it was away: they arrive in a burst when it
   * reconnects, however long ago they were sent.
   */
  public static final Duration STALE_AFTER = Duration.ofSeconds(10);

  private static final String SQL = statement();
  private static final Comparator<FleetRow> BY_ID = Comparator.comparing(FleetRow::locomotive);

  private final DataSource dataSource;
  /** Locomotives the last statement over the whole fleet read; 0 before the first. */
  private volatile int fleetSize;

  public FleetQueries(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Receives a snapshot's rows one at a time. */
  @FunctionalInterface
  public interface Visitor {
    void visit(FleetRow row) throws IOException;
  }

  /** Every locomotive the store knows, sorted by id (as {@link String#compareTo} orders), as of {@code now}. */
  public List<FleetEntry> snapshot(Instant now) throws SQLException {
    List<FleetEntry> out = new ArrayList<>();
    try {
      scan(now, row -> out.add(row.toEntry()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);  // the visitor above does no I/O
    }
    return out;
  }

  /**
   * Hands every locomotive the store knows to {@code visitor}, sorted by id, as of {@code now}: the
   * same rows as {@link #snapshot}, without an entry or a decimal per value. Blocks while the
   * statement runs; the visitor runs on the calling thread once the rows are read and the database
   * connection is given back, so a slow visitor (a client reading the answer) holds no connection.
   *
   * @throws IOException what the visitor threw; the rest of the rows are not visited
   */
  public void scan(Instant now, Visitor visitor) throws SQLException, IOException {
    scan(now, null, visitor);
  }

  /**
   * As {@link #scan(Instant, Visitor)}, for the locomotives named in {@code only} and no others (a
   * name the store does not know is left out). Fewer than half the fleet (as the last statement over
   * the whole fleet counted it) are named in the statement, which then reads only their rows; more,
   * and every row is read and the others skipped here before they are decoded: a statement naming
   * 4,000 locomotives costs PostgreSQL more than one reading them all.
   *
   * @param only the locomotives' ids; null for every locomotive
   */
  public void scan(Instant now, Set<String> only, Visitor visitor) throws SQLException, IOException {
    boolean whole = only == null || only.size() * 2L >= fleetSize;
    List<FleetRow> rows = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(whole ? SQL : SQL + " WHERE l.name = ANY(?)")) {
      s.setObject(1, LocalDate.ofInstant(now, ZoneOffset.UTC));
      if (!whole) {
        s.setArray(2, c.createArrayOf("text", only.toArray()));
      }
      int read = 0;
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          read++;
          if (only == null || only.contains(rs.getString(1))) {
            FleetRow row = new FleetRow(now);
            row.read(rs);
            rows.add(row);
          }
        }
      }
      if (whole) {
        fleetSize = read;
      }
    }
    // Sorted here rather than by the statement: PostgreSQL sorting 4,000 wide joined rows took about a
    // third of its time, and the order no longer depends on the server's collation.
    rows.sort(BY_ID);
    for (FleetRow row : rows) {
      visitor.visit(row);
    }
  }

  /** One row per locomotive, in the column order {@link FleetRow#read} expects. */
  private static String statement() {
    StringBuilder cols = new StringBuilder();
    for (Channel ch : Channel.values()) {
      cols.append(", (").append(ch.sql()).append(")::int8");  // channel columns are frame_second's only
    }
    // date_part's double holds a frame's whole milliseconds exactly (extract's numeric costs more).
    return "SELECT l.name, s.link, s.queue_depth, (date_part('epoch', f.time) * 1000)::int8" + cols
        + ", COALESCE(g.missing, 0), COALESCE(a.active, 0), a.tier, s.set_aside_messages"
        + ", (date_part('epoch', f.received) * 1000)::int8 "
        + "FROM locomotive l LEFT JOIN locomotive_latest f ON f.locomotive_id = l.id "
        + "LEFT JOIN status_latest s ON s.locomotive_id = l.id "
        + "LEFT JOIN gap_day g ON g.day = ? AND g.locomotive_id = l.id "
        + "LEFT JOIN (SELECT locomotive_id, count(*) AS active, max(tier) AS tier FROM alarm_active "
        + "GROUP BY locomotive_id) a ON a.locomotive_id = l.id";
  }
}
