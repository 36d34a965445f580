package io.locolink.gateway.config;

import java.nio.file.Path;

/**
 * The durable journal's limits and sync policy (YAML key {@code journal}). The journal lives in
 * {@code stateDir/journal}.
 *
 * @param telemetrySyncWindowMs longest time a telemetry or status record stays unsynced after
 *     append, milliseconds (energy, alarms and trips are synced before append returns); this is
 *     what a power cut can lose
 * @param maxBytes the journal's size limit, bytes; when reached, the oldest telemetry is evicted
 * @param segmentBytes size at which a segment file is closed and a new one started, bytes; also
 *     the unit of eviction
 * @param maxRecordBytes largest payload accepted, bytes
 * @param ackPersistIntervalMs how often broker acknowledgements are written to disk, milliseconds;
 *     a crash forgets at most this much of them, and those records are sent again (duplicates,
 *     never a loss). Longer spares the SD card.
 * @param syncAcknowledged false (default): a telemetry record the broker acknowledged within its
 *     window is never synced on its own (the ground has it; the page cache writes it to the device
 *     later), so a connected gateway hardly syncs at all; true: every window's records are synced
 *     whether acknowledged or not (the rule before, several hundred MB a day more on the SD card,
 *     for a device that must hold every record itself)
 * @param volatileDir a directory in memory (tmpfs: the unit's runtime directory), or null
 *     (default): the telemetry lane's segments and a copy of the acknowledgement cursor start there
 *     and reach the SD card only when a record is still unacknowledged at the end of its window,
 *     or at {@code close}. Such a file survives a crash or restart of the process, not a reboot
 *     or power cut, which only loses records the ground has; telemetry the ground acknowledges in
 *     time then never reaches the card, whose file system would otherwise commit its journal
 *     every few seconds for the appends alone
 */
public record JournalConfig(Integer telemetrySyncWindowMs, Long maxBytes, Long segmentBytes, Integer maxRecordBytes,
    Integer ackPersistIntervalMs, Boolean syncAcknowledged, Path volatileDir) {

  private static final int HEADER_BYTES = 27;

  public JournalConfig {
    telemetrySyncWindowMs = ConfigException.requireRange("telemetrySyncWindowMs",
        telemetrySyncWindowMs == null ? 1000 : telemetrySyncWindowMs, 10, 60_000);
    segmentBytes = segmentBytes == null ? 4L << 20 : segmentBytes;
    if (segmentBytes < 4096 || segmentBytes > (64L << 20)) {
      throw new ConfigException("segmentBytes", "must be between 4096 and 67108864 (64 MiB; a segment is read whole at start),"
          + " got " + segmentBytes);
    }
    maxBytes = maxBytes == null ? 256L << 20 : maxBytes;
    if (maxBytes < 4 * segmentBytes) {
      throw new ConfigException("maxBytes", "must be at least 4 x segmentBytes (" + 4 * segmentBytes
          + ") so that eviction can free space, got " + maxBytes);
    }
    maxRecordBytes = maxRecordBytes == null ? (int) Math.min(1 << 20, segmentBytes - HEADER_BYTES) : maxRecordBytes;
    ConfigException.requireRange("maxRecordBytes", maxRecordBytes, 1, (int) (segmentBytes - HEADER_BYTES));
    ackPersistIntervalMs = ConfigException.requireRange("ackPersistIntervalMs",
        ackPersistIntervalMs == null ? 10_000 : ackPersistIntervalMs, 10, 600_000);
    syncAcknowledged = syncAcknowledged != null && syncAcknowledged;
  }

  /** Everything on the SD card (no {@code volatileDir}) with the other settings given. */
  public JournalConfig(Integer telemetrySyncWindowMs, Long maxBytes, Long segmentBytes, Integer maxRecordBytes,
      Integer ackPersistIntervalMs, Boolean syncAcknowledged) {
    this(telemetrySyncWindowMs, maxBytes, segmentBytes, maxRecordBytes, ackPersistIntervalMs, syncAcknowledged, null);
  }

  /** The sync rule's default ({@code syncAcknowledged} false) with the other settings given. */
  public JournalConfig(Integer telemetrySyncWindowMs, Long maxBytes, Long segmentBytes, Integer maxRecordBytes,
      Integer ackPersistIntervalMs) {
    this(telemetrySyncWindowMs, maxBytes, segmentBytes, maxRecordBytes, ackPersistIntervalMs, null, null);
  }

  /** This configuration with the telemetry lane and a cursor copy in {@code dir} (see {@code volatileDir}). */
  public JournalConfig withVolatileDir(Path dir) {
    return new JournalConfig(telemetrySyncWindowMs, maxBytes, segmentBytes, maxRecordBytes, ackPersistIntervalMs,
        syncAcknowledged, dir);
  }

  /** Defaults with a smaller size limit and segment size (tests, small cards). */
  public static JournalConfig sized(long maxBytes, long segmentBytes) {
    return new JournalConfig(null, maxBytes, segmentBytes, null, null);
  }

  /**
   * 1 s telemetry window, 256 MiB total in 4 MiB segments, records up to 1 MiB, acknowledgements
   * written every 10 s, acknowledged records not synced on their own.
   */
  public static JournalConfig defaults() {
    return new JournalConfig(null, null, null, null, null);
  }
}
