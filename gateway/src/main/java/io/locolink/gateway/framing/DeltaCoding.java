package io.locolink.gateway.framing;

import java.util.List;
import java.util.function.IntConsumer;

/**
 * Delta coding of scaled-integer series: the first value is absolute, each next one the difference
 * from the previous. Slowly changing signals then fit in one or two zigzag varint bytes each.
 */
final class DeltaCoding {

  private DeltaCoding() {}

  static void encode(long[] absolute, IntConsumer out) {
    long previous = 0;
    for (long value : absolute) {
      out.accept(Math.toIntExact(value - previous));
      previous = value;
    }
  }

  static long[] decode(List<Integer> deltas) {
    long[] out = new long[deltas.size()];
    long running = 0;
    for (int i = 0; i < out.length; i++) {
      running += deltas.get(i);
      out[i] = running;
    }
    return out;
  }

  /** {@code value × scale} rounded; a NaN (unreadable sample, flagged elsewhere) becomes {@code fallback}. */
  static long scaled(double value, double scale, long fallback) {
    return Double.isNaN(value) ? fallback : Math.round(value * scale);
  }

  /** Scales a whole array; unreadable entries repeat the previous value so deltas stay small. */
  static long[] scaled(double[] values, double scale) {
    long[] out = new long[values.length];
    long previous = 0;
    for (int i = 0; i < values.length; i++) {
      out[i] = scaled(values[i], scale, previous);
      previous = out[i];
    }
    return out;
  }
}
