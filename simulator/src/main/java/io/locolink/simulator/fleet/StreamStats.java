package io.locolink.simulator.fleet;

import java.util.HashMap;
import java.util.Map;

/**
 * Ground-side counts for one stream of messages from many senders: frames, gaps and duplicates
 * by per-sender sequence number, and latency. Thread-safe.
 */
final class StreamStats {

  private final Map<String, Long> nextSequence = new HashMap<>();
  private final LatencyHistogram latency = new LatencyHistogram();
  private long frames;
  private long gaps;
  private long duplicates;

  /**
   * Counts one message.
   *
   * @param sender sender id
   * @param sequence its sequence number (from 1)
   * @param latencyMs receive time minus send time, ms
   */
  synchronized void record(String sender, long sequence, long latencyMs) {
    frames++;
    long expected = nextSequence.getOrDefault(sender, 1L);
    if (sequence > expected) {
      gaps += sequence - expected;
    } else if (sequence < expected) {
      duplicates++;
    }
    nextSequence.put(sender, Math.max(expected, sequence + 1));
    latency.record(latencyMs);
  }

  /** A copy of the counts so far. */
  synchronized StreamReport report() {
    boolean any = latency.count() > 0;
    return new StreamReport(nextSequence.size(), frames, gaps, duplicates,
        any ? latency.percentileMs(0.50) : 0, any ? latency.percentileMs(0.99) : 0, latency.maxMs());
  }
}
