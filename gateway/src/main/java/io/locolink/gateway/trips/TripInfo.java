package io.locolink.gateway.trips;

import java.time.Instant;
import java.util.Objects;

/**
 * One finished trip in the store, as the depot lists it.
 *
 * @param id the trip's id
 * @param start UTC start
 * @param end UTC end
 * @param sizeBytes size of the log file, bytes
 * @param sha256Hex SHA-256 of the log file, 64 lower-case hex digits
 */
public record TripInfo(TripId id, Instant start, Instant end, long sizeBytes, String sha256Hex) {

  public TripInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (sizeBytes < 0) {
      throw new IllegalArgumentException("sizeBytes must be >= 0");
    }
    if (sha256Hex == null || !sha256Hex.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("sha256Hex must be 64 lower-case hex digits");
    }
  }
}
