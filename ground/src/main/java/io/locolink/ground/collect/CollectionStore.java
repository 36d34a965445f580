package io.locolink.ground.collect;

import io.locolink.proto.v1.EnergyRecord;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The collection's index in PostgreSQL (tables of migration V30): per-locomotive state, collected
 * trips, energy records fetched over CoAP. Every method takes its own connection. Thread-safe.
 */
public final class CollectionStore {

  /**
   * One locomotive's collection state, for the API.
   *
   * @param locomotive the locomotive id
   * @param endpoint where its depot server was last found
   * @param lastAttempt last round started, or null
   * @param lastCollected last round that ended without failure, or null
   * @param pendingTrips trips its gateway lists that are not collected yet
   * @param failures consecutive failed rounds
   * @param lastFailure when the last failure happened, or null
   * @param lastFailureReason why, or null
   * @param tripsCollected trips stored
   * @param energyThrough newest energy period end collected, or null
   */
  public record State(String locomotive, String endpoint, Instant lastAttempt, Instant lastCollected, int pendingTrips,
      int failures, Instant lastFailure, String lastFailureReason, long tripsCollected, Instant energyThrough) {}

  /** One collected trip. */
  public record Trip(String locomotive, String tripId, Instant start, Instant end, long sizeBytes, String sha256,
      Instant collected, Instant acknowledged) {}

  private final DataSource db;

  public CollectionStore(DataSource db) {
    this.db = db;
  }

  /** Trip ids of {@code locomotive} already stored, with whether the gateway acknowledged each. */
  public Map<String, Boolean> trips(String locomotive) throws SQLException {
    Map<String, Boolean> out = new HashMap<>();
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT trip_id, acknowledged FROM depot_trip WHERE locomotive = ?")) {
      s.setString(1, locomotive);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.put(r.getString(1), r.getTimestamp(2) != null);
        }
      }
    }
    return out;
  }

  /** Records a verified trip log (idempotent). */
  public void addTrip(String locomotive, TripListing trip, Instant collected) throws SQLException {
    try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
        "INSERT INTO depot_trip (locomotive, trip_id, start_time, end_time, size_bytes, sha256, collected)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (locomotive, trip_id) DO NOTHING")) {
      s.setString(1, locomotive);
      s.setString(2, trip.id());
      s.setTimestamp(3, Timestamp.from(trip.start()));
      s.setTimestamp(4, Timestamp.from(trip.end()));
      s.setLong(5, trip.sizeBytes());
      s.setString(6, trip.sha256());
      s.setTimestamp(7, Timestamp.from(collected));
      s.executeUpdate();
    }
  }

  /** Notes that the gateway confirmed the acknowledgement of a trip. */
  public void acknowledged(String locomotive, String tripId, Instant at) throws SQLException {
    try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
        "UPDATE depot_trip SET acknowledged = ? WHERE locomotive = ? AND trip_id = ?")) {
      s.setTimestamp(1, Timestamp.from(at));
      s.setString(2, locomotive);
      s.setString(3, tripId);
      s.executeUpdate();
    }
  }

  /** The collected trip of that id (trip ids carry their start time and a random suffix; the newest wins). */
  public Optional<Trip> trip(String tripId) throws SQLException {
    try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
        "SELECT locomotive, trip_id, start_time, end_time, size_bytes, sha256, collected, acknowledged FROM depot_trip"
            + " WHERE trip_id = ? ORDER BY collected DESC LIMIT 1")) {
      s.setString(1, tripId);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(trip(r)) : Optional.empty();
      }
    }
  }

  /** Collected trips, newest start first, at most {@code limit}; of one locomotive when it is not null. */
  public List<Trip> trips(String locomotive, int limit) throws SQLException {
    List<Trip> out = new ArrayList<>();
    try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
        "SELECT locomotive, trip_id, start_time, end_time, size_bytes, sha256, collected, acknowledged FROM depot_trip"
            + " WHERE (?::text IS NULL OR locomotive = ?) ORDER BY start_time DESC LIMIT ?")) {
      s.setString(1, locomotive);
      s.setString(2, locomotive);
      s.setInt(3, limit);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(trip(r));
        }
      }
    }
    return out;
  }

  private static Trip trip(ResultSet r) throws SQLException {
    return new Trip(r.getString(1), r.getString(2), r.getTimestamp(3).toInstant(), r.getTimestamp(4).toInstant(),
        r.getLong(5), r.getString(6), r.getTimestamp(7).toInstant(), instant(r.getTimestamp(8)));
  }

  /**
   * Stores energy records byte for byte with their SHA-256; a period already stored is left as it is.
   *
   * @return records newly stored
   */
  public int addEnergy(String locomotive, List<EnergyRecord> records, Instant collected) throws SQLException {
    int added = 0;
    try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
        "INSERT INTO depot_energy (locomotive, period_end, period_s, consumed_wh, regenerated_wh, depot_charge_wh,"
            + " genset_wh, quality_word, payload, sha256, collected) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (locomotive, period_end) DO NOTHING")) {
      for (EnergyRecord e : records) {
        byte[] payload = e.toByteArray();
        s.setString(1, locomotive);
        s.setTimestamp(2, Timestamp.from(Instant.ofEpochSecond(e.getPeriodEndUnixS())));
        s.setInt(3, e.getPeriodS());
        s.setLong(4, e.getConsumedWh());
        s.setLong(5, e.getRegeneratedWh());
        s.setLong(6, e.getDepotChargeWh());
        s.setLong(7, e.getGensetWh());
        s.setInt(8, e.getQualityWord());
        s.setBytes(9, payload);
        s.setString(10, sha256(payload));
        s.setTimestamp(11, Timestamp.from(collected));
        added += s.executeUpdate();
      }
    }
    return added;
  }

  /** Energy records of {@code locomotive} fetched over CoAP with a period end in {@code (from, to]}, oldest first. */
  public List<EnergyRecord> energy(String locomotive, Instant from, Instant to) throws SQLException {
    List<EnergyRecord> out = new ArrayList<>();
    try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
        "SELECT payload FROM depot_energy WHERE locomotive = ? AND period_end > ? AND period_end <= ?"
            + " ORDER BY period_end")) {
      s.setString(1, locomotive);
      s.setTimestamp(2, Timestamp.from(from));
      s.setTimestamp(3, Timestamp.from(to));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(EnergyRecord.parseFrom(r.getBytes(1)));
        }
      }
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new SQLException("stored energy record does not parse", e);
    }
    return out;
  }

  /** Notes the start of a round for {@code locomotive}. */
  public void attempt(String locomotive, String endpoint, String identity, Instant at) throws SQLException {
    update("INSERT INTO depot_collection_state (locomotive, endpoint, identity, last_attempt) VALUES (?, ?, ?, ?)"
        + " ON CONFLICT (locomotive) DO UPDATE SET endpoint = EXCLUDED.endpoint, identity = EXCLUDED.identity,"
        + " last_attempt = EXCLUDED.last_attempt", locomotive, endpoint, identity, at);
  }

  /** Notes a round that ended without failure. */
  public void succeeded(String locomotive, Instant at, int pendingTrips) throws SQLException {
    update("UPDATE depot_collection_state SET last_collected = ?, pending_trips = ?, failures = 0"
        + " WHERE locomotive = ?", at, pendingTrips, locomotive);
  }

  /** Notes the newest energy period end collected. */
  public void energyThrough(String locomotive, Instant periodEnd) throws SQLException {
    update("UPDATE depot_collection_state SET energy_through = ? WHERE locomotive = ?", periodEnd, locomotive);
  }

  /** Notes a failed round and why (never a secret). */
  public void failed(String locomotive, Instant at, int pendingTrips, String reason) throws SQLException {
    update("UPDATE depot_collection_state SET failures = failures + 1, last_failure = ?, last_failure_reason = ?,"
        + " pending_trips = ? WHERE locomotive = ?", at, reason, pendingTrips, locomotive);
  }

  /** The newest energy period end collected for {@code locomotive}. */
  public Optional<Instant> energyThrough(String locomotive) throws SQLException {
    try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
        "SELECT energy_through FROM depot_collection_state WHERE locomotive = ?")) {
      s.setString(1, locomotive);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.ofNullable(instant(r.getTimestamp(1))) : Optional.empty();
      }
    }
  }

  /** Every locomotive's state with its count of collected trips, by locomotive. */
  public List<State> states() throws SQLException {
    List<State> out = new ArrayList<>();
    try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
        "SELECT s.locomotive, s.endpoint, s.last_attempt, s.last_collected, s.pending_trips, s.failures,"
            + " s.last_failure, s.last_failure_reason, (SELECT count(*) FROM depot_trip t WHERE t.locomotive ="
            + " s.locomotive), s.energy_through FROM depot_collection_state s ORDER BY s.locomotive");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.add(new State(r.getString(1), r.getString(2), instant(r.getTimestamp(3)), instant(r.getTimestamp(4)),
            r.getInt(5), r.getInt(6), instant(r.getTimestamp(7)), r.getString(8), r.getLong(9),
            instant(r.getTimestamp(10))));
      }
    }
    return out;
  }

  private void update(String sql, Object... args) throws SQLException {
    try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        Object a = args[i];
        if (a instanceof Instant t) {
          s.setTimestamp(i + 1, Timestamp.from(t));
        } else if (a == null) {
          s.setNull(i + 1, java.sql.Types.VARCHAR);
        } else {
          s.setObject(i + 1, a);
        }
      }
      s.executeUpdate();
    }
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
