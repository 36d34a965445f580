package io.locolink.gateway.journal;

import io.locolink.gateway.framing.StreamKind;
import java.io.IOException;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the journal under its size limit: first deletes fully acknowledged segments, then evicts
 * the oldest segment of a non-precious stream (telemetry, status); precious streams are never
 * evicted. Counts everything dropped. Not thread-safe: called under the journal's lock.
 */
final class SizeLimit {

  private static final Logger LOG = LoggerFactory.getLogger(SizeLimit.class);

  private final Lane[] lanes;
  private final long maxBytes;
  private long droppedTelemetry;
  private long droppedOther;

  SizeLimit(Lane[] lanes, long maxBytes) {
    this.lanes = lanes;
    this.maxBytes = maxBytes;
  }

  /**
   * Frees space until {@code bytes} more fit under the limit.
   *
   * @throws JournalFullException if nothing evictable is left; the record is counted as dropped
   */
  void makeRoom(StreamKind kind, int bytes) throws JournalFullException {
    if (totalBytes() + bytes <= maxBytes) {
      return;
    }
    deleteAcknowledged();
    while (totalBytes() + bytes > maxBytes) {
      boolean evicted;
      try {
        evicted = evictOldestTelemetry();
      } catch (IOException e) {
        LOG.warn("journal: cannot delete an evicted segment: {}", e.getMessage());
        evicted = false;
      }
      if (!evicted) {
        if (kind.precious()) {
          droppedOther++;
        } else {
          droppedTelemetry++;
        }
        throw new JournalFullException("journal full (" + totalBytes() + " of " + maxBytes
            + " bytes, no telemetry left to evict): " + kind + " record not stored");
      }
    }
  }

  /** Deletes the oldest segment among the non-precious lanes; false if there is none. */
  boolean evictOldestTelemetry() throws IOException {
    Lane victim = null;
    long oldest = Long.MAX_VALUE;
    for (Lane lane : lanes) {
      OptionalLong start = lane.oldestSegmentStart();
      if (!lane.kind().precious() && start.isPresent() && start.getAsLong() < oldest) {
        oldest = start.getAsLong();
        victim = lane;
      }
    }
    if (victim == null) {
      return false;
    }
    int dropped = victim.evictOldest();
    droppedTelemetry += dropped;
    LOG.warn("journal full: evicted the oldest {} segment (from sequence {}), {} unsent records dropped",
        victim.kind(), oldest, dropped);
    return true;
  }

  /** Deletes every fully acknowledged segment except those being written. */
  void deleteAcknowledged() {
    for (Lane lane : lanes) {
      try {
        lane.deleteAcknowledgedSegments();
      } catch (IOException e) {
        LOG.warn("journal: cannot delete an acknowledged {} segment: {}", lane.kind(), e.getMessage());
      }
    }
  }

  /** Bytes held in all segments. */
  long totalBytes() {
    long n = 0;
    for (Lane lane : lanes) {
      n += lane.sizeBytes();
    }
    return n;
  }

  long droppedTelemetry() {
    return droppedTelemetry;
  }

  long droppedOther() {
    return droppedOther;
  }
}
