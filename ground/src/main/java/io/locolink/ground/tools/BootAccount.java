package io.locolink.ground.tools;

import java.util.Map;
import java.util.TreeMap;

/**
 * The sequence accounting of one (locomotive, boot): which numbers were received, as ranges, and
 * the bounds the gateway stated for the boot (its first sequence, and the last one it appended as
 * the next boot reports it). Missing numbers are those inside the bounds not received: a backlog
 * that arrives late brings the count down. Not thread-safe: the {@link FleetState}'s lock guards it.
 */
final class BootAccount {

  /** Received sequences as closed ranges, first → last. */
  private final TreeMap<Long, Long> ranges = new TreeMap<>();
  private long distinct;
  private long duplicates;
  private long statedFirst;
  private long statedLast;

  /** Records one received sequence; false if it was received before (a duplicate). */
  boolean receive(long sequence) {
    Map.Entry<Long, Long> below = ranges.floorEntry(sequence);
    if (below != null && below.getValue() >= sequence) {
      duplicates++;
      return false;
    }
    distinct++;
    long from = sequence;
    long to = sequence;
    if (below != null && below.getValue() == sequence - 1) {
      from = below.getKey();
    }
    Long aboveTo = ranges.remove(sequence + 1);
    if (aboveTo != null) {
      to = aboveTo;
    }
    ranges.put(from, to);
    return true;
  }

  /** The boot's first sequence, as its status states it (0: unknown). */
  void stateFirst(long sequence) {
    if (sequence > 0) {
      statedFirst = sequence;
    }
  }

  /** The highest sequence the boot appended, as the next boot's status states it (0: none). */
  void stateLast(long sequence) {
    statedLast = Math.max(statedLast, sequence);
  }

  /** Numbers inside the boot's bounds not received (yet). */
  long missing() {
    if (ranges.isEmpty()) {
      return statedFirst > 0 && statedLast >= statedFirst ? statedLast - statedFirst + 1 : 0;
    }
    long lo = statedFirst > 0 ? Math.min(statedFirst, ranges.firstKey()) : ranges.firstKey();
    long hi = Math.max(statedLast, ranges.lastEntry().getValue());
    return hi - lo + 1 - distinct;
  }

  long duplicates() {
    return duplicates;
  }
}
