package io.locolink.gateway.estimation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Lets at most {@code maxEvents} alarm events through per window of {@code windowNanos} (windows
 * start at the first event after the previous one ended). Further events in the window are counted
 * and, once the window ends, reported as one STORM_SUMMARY event carrying the count and the most
 * severe suppressed tier. A raise of a tier more severe than any let through in the window always
 * passes, so a storm cannot hide the first OPEN_CONTACTORS. Not thread-safe.
 */
final class StormLimiter {

  static final String STORM_CODE = "STORM_SUMMARY";

  private final int maxEvents;
  private final long windowNanos;
  private boolean windowOpen;
  private long windowStartNanos;
  private int passed;
  private int suppressed;
  private AlarmTier highestPassed;
  private AlarmTier highestSuppressed;

  StormLimiter(int maxEvents, long windowNanos) {
    this.maxEvents = maxEvents;
    this.windowNanos = windowNanos;
  }

  /** Passes {@code events} of one snapshot (at {@code nowNanos}, {@code utc}) through the limiter. */
  List<AlarmEvent> filter(List<AlarmEvent> events, long nowNanos, Instant utc) {
    List<AlarmEvent> out = new ArrayList<>();
    if (windowOpen && nowNanos - windowStartNanos >= windowNanos) {
      if (suppressed > 0) {
        out.add(new AlarmEvent(STORM_CODE, highestSuppressed, AlarmEvent.Kind.STORM_SUMMARY,
            AlarmSignal.ALARMS.id(), 0, suppressed, maxEvents, "events", utc, suppressed));
      }
      windowOpen = false;
    }
    for (AlarmEvent e : events) {
      if (!windowOpen) {
        windowOpen = true;
        windowStartNanos = nowNanos;
        passed = 0;
        suppressed = 0;
        highestPassed = null;
        highestSuppressed = null;
      }
      boolean escalates = e.kind() == AlarmEvent.Kind.RAISED && (highestPassed == null || e.tier().compareTo(highestPassed) > 0);
      if (passed < maxEvents || escalates) {
        passed++;
        highestPassed = highestPassed == null || e.tier().compareTo(highestPassed) > 0 ? e.tier() : highestPassed;
        out.add(e);
      } else {
        suppressed++;
        highestSuppressed = highestSuppressed == null || e.tier().compareTo(highestSuppressed) > 0 ? e.tier() : highestSuppressed;
      }
    }
    return out;
  }
}
