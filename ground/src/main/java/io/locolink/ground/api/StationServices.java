package io.locolink.ground.api;

import io.locolink.ground.store.FleetQueries;
import io.locolink.ground.store.HistoryQueries;
import io.locolink.ground.store.RecordQueries;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * What the station's HTTP plugins may use.
 *
 * @param dataSource pooled connections to the station's PostgreSQL (auto-commit on); close each
 *     connection you take
 * @param fleet the fleet snapshot query
 * @param history downsampled history of one locomotive
 * @param records energy, alarms, gaps and trips
 * @param live which locomotives changed, after each committed batch
 * @param health the station's own state for {@code /api/v1/health} (broker link, ingest counters)
 */
public record StationServices(DataSource dataSource, FleetQueries fleet, HistoryQueries history,
    RecordQueries records, LiveFeed live,
    Supplier<Map<String, Object>> health) {

  public StationServices {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(fleet, "fleet");
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(records, "records");
    Objects.requireNonNull(live, "live");
    Objects.requireNonNull(health, "health");
  }
}
