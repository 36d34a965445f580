package io.locolink.gateway.acquisition;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Turns a growing edge count into a rate averaged over a sliding window, so a 10 Hz cycle still
 * gets the resolution of a one-second gate. Not thread-safe.
 */
final class PulseRate {

  private record Sample(long nanos, long edges) {}

  private final long windowNanos;
  private final ArrayDeque<Sample> samples = new ArrayDeque<>();

  PulseRate(long windowNanos, long startNanos, long startEdges) {
    this.windowNanos = windowNanos;
    samples.add(new Sample(startNanos, startEdges));
  }

  /** Edges per second over the last window (or since start when younger). */
  double edgesPerSecond(long nanos, long edges) {
    samples.addLast(new Sample(nanos, edges));
    while (samples.size() > 2) {
      Iterator<Sample> it = samples.iterator();
      it.next();
      if (nanos - it.next().nanos() < windowNanos) {
        break;
      }
      samples.removeFirst();
    }
    Sample base = samples.peekFirst();
    long dt = nanos - base.nanos();
    return dt <= 0 ? 0 : (edges - base.edges()) / (dt / 1e9);
  }
}
