package io.locolink.simulator.fleet;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Ground-side counts for one stream of messages from many senders: frames, gaps and duplicates
 * by per-sender sequence number (robust to reordering between shared subscribers: a gap is a
 * sequence number below the highest seen that never arrived), and latency. Thread-safe.
 */
final class StreamStats {

  private final Map<String, Sender> senders = new HashMap<>();
  private final LatencyHistogram latency = new LatencyHistogram();
  private long frames;
  private long duplicates;

  private static final class Sender {
    final BitSet seen = new BitSet();
    long highest;
    long distinct;
  }

  /**
   * Counts one message.
   *
   * @param sender sender id
   * @param sequence its sequence number (from 1)
   * @param latencyMs receive time minus send time, ms
   */
  synchronized void record(String sender, long sequence, long latencyMs) {
    frames++;
    Sender s = senders.computeIfAbsent(sender, k -> new Sender());
    int index = (int) Math.min(Integer.MAX_VALUE - 1, Math.max(0, sequence));
    if (s.seen.get(index)) {
      duplicates++;
    } else {
      s.seen.set(index);
      s.distinct++;
      s.highest = Math.max(s.highest, sequence);
    }
    latency.record(latencyMs);
  }

  /** A copy of the counts so far. */
  synchronized StreamReport report() {
    long gaps = 0;
    for (Sender s : senders.values()) {
      gaps += s.highest - s.distinct;
    }
    boolean any = latency.count() > 0;
    return new StreamReport(senders.size(), frames, gaps, duplicates,
        any ? latency.percentileMs(0.50) : 0, any ? latency.percentileMs(0.99) : 0, latency.maxMs());
  }
}
