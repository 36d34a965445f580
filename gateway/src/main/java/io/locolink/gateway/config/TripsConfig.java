package io.locolink.gateway.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Configuration of the trip recorder (YAML key {@code trips}). Missing keys take the defaults of
 * {@link #defaults()}; every value is checked here, with the key named in the message.
 *
 * <pre>
 * trips:
 *   directory: null          # default: the root stateDir; trip logs in DIR/trips, energy records in DIR/energy
 *   idleGapS: 1800           # standing still this long ends a trip even with the key on
 *   keyOffGraceS: 120        # key off and standing still this long ends a trip
 *   movingSpeedKmh: 0.5      # at or above this speed the locomotive is moving
 *   maxStoreBytes: 4294967296  # all trip logs together; oldest finished trips go first
 *   maxTripBytes: 1073741824   # one trip's log; past it frames are no longer logged (energy, alarms are)
 *   blockBytes: 65536        # uncompressed bytes per compressed block
 *   flushIntervalS: 5        # a partly filled block is written after this long (the crash-loss window of records the ground lacks)
 *   energyRetentionDays: 90  # energy records kept, at least 60
 * </pre>
 *
 * @param directory base directory; null for the gateway's state directory
 * @param idleGapS seconds standing still before a trip ends with the key on
 * @param keyOffGraceS seconds with key off and standing still before a trip ends
 * @param movingSpeedKmh speed threshold for "moving", km/h
 * @param maxStoreBytes byte budget for all trip logs
 * @param maxTripBytes byte cap for one trip log's frames
 * @param blockBytes uncompressed bytes per block
 * @param flushIntervalS longest time records the ground lacks wait in memory, seconds
 * @param energyRetentionDays days of energy records kept
 */
public record TripsConfig(
    String directory,
    Long idleGapS,
    Long keyOffGraceS,
    Double movingSpeedKmh,
    Long maxStoreBytes,
    Long maxTripBytes,
    Integer blockBytes,
    Long flushIntervalS,
    Integer energyRetentionDays) {

  public TripsConfig {
    idleGapS = idleGapS == null ? 1800L : idleGapS;
    keyOffGraceS = keyOffGraceS == null ? 120L : keyOffGraceS;
    movingSpeedKmh = movingSpeedKmh == null ? 0.5 : movingSpeedKmh;
    maxStoreBytes = maxStoreBytes == null ? 4L << 30 : maxStoreBytes;
    maxTripBytes = maxTripBytes == null ? Math.min(1L << 30, maxStoreBytes) : maxTripBytes;
    blockBytes = blockBytes == null ? 65536 : blockBytes;
    flushIntervalS = flushIntervalS == null ? 5L : flushIntervalS;
    energyRetentionDays = energyRetentionDays == null ? 90 : energyRetentionDays;
    require(directory == null || !directory.isBlank(), "directory", "must not be empty");
    require(idleGapS >= 1, "idleGapS", "must be >= 1, got " + idleGapS);
    require(keyOffGraceS >= 0, "keyOffGraceS", "must be >= 0, got " + keyOffGraceS);
    require(movingSpeedKmh > 0 && movingSpeedKmh < 20, "movingSpeedKmh",
        "must be > 0 and < 20 km/h, got " + movingSpeedKmh);
    require(maxStoreBytes >= 1 << 20, "maxStoreBytes", "must be >= 1 MiB, got " + maxStoreBytes);
    require(maxTripBytes >= 64 * 1024 && maxTripBytes <= maxStoreBytes, "maxTripBytes",
        "must be >= 64 KiB and <= trips.maxStoreBytes, got " + maxTripBytes);
    require(blockBytes >= 1024 && blockBytes <= 4 << 20, "blockBytes",
        "must be 1 KiB .. 4 MiB, got " + blockBytes);
    require(flushIntervalS >= 1 && flushIntervalS <= 3600, "flushIntervalS",
        "must be 1 .. 3600 s, got " + flushIntervalS);
    require(energyRetentionDays >= 60 && energyRetentionDays <= 3660, "energyRetentionDays",
        "must be 60 .. 3660 days (energy records are kept at least 60 days), got " + energyRetentionDays);
  }

  /** The defaults, as listed in the class comment. */
  public static TripsConfig defaults() {
    return new TripsConfig(null, null, null, null, null, null, null, null, null);
  }

  /** The same configuration with another base directory. */
  public TripsConfig withDirectory(Path dir) {
    return new TripsConfig(dir.toString(), idleGapS, keyOffGraceS, movingSpeedKmh, maxStoreBytes, maxTripBytes,
        blockBytes, flushIntervalS, energyRetentionDays);
  }

  /** Where trip logs live: {@code directory/trips}, or {@code stateDir/trips} without a directory. */
  public Path tripsDirectory(Path stateDir) {
    return base(stateDir).resolve("trips");
  }

  /** Where energy records live: {@code directory/energy}, or {@code stateDir/energy}. */
  public Path energyDirectory(Path stateDir) {
    return base(stateDir).resolve("energy");
  }

  private Path base(Path stateDir) {
    return directory == null ? stateDir : Path.of(directory);
  }

  public Duration idleGap() {
    return Duration.ofSeconds(idleGapS);
  }

  public Duration keyOffGrace() {
    return Duration.ofSeconds(keyOffGraceS);
  }

  public Duration flushInterval() {
    return Duration.ofSeconds(flushIntervalS);
  }

  private static void require(boolean ok, String key, String problem) {
    if (!ok) {
      throw new ConfigException(key, problem);
    }
  }
}
