package io.locolink.gateway.framing;

/**
 * The adaptive model of one kind of residual list (a frame's cell voltages, cell temperatures or
 * drives' slow values as their change from the reference frame, less the list's shift) for a
 * {@link BinaryRangeCoder}. Read noise on a cell makes its residuals alternate (a reading above the
 * true value is followed, in the next frame, by one nearer to it), so each residual is coded in the
 * context of the same entry's residual in the previous list and of its left neighbour's in this one:
 * whether it is zero, its sign, then its magnitude in unary, and past {@value #UNARY} an Elias-gamma
 * code. Coder and decoder keep the same state; one instance per kind of list and sequence of
 * records. Not thread-safe.
 */
final class ResidualListModel {

  private static final int UNARY = 12;
  private static final int CONTEXTS = 5 * 3;
  private static final int MAX_GAMMA_BITS = 64;

  private final short[] zero = BinaryRangeCoder.probabilities(CONTEXTS);
  private final short[] negative = BinaryRangeCoder.probabilities(CONTEXTS);
  private final short[] more = BinaryRangeCoder.probabilities(CONTEXTS * UNARY);
  private final short[] gammaLength = BinaryRangeCoder.probabilities(MAX_GAMMA_BITS);
  private long[] previous = new long[0];

  void encode(BinaryRangeCoder.Encoder out, long[] residuals) {
    long[] before = history(residuals.length);
    long left = 0;
    for (int i = 0; i < residuals.length; i++) {
      int c = context(before[i], left);
      long r = residuals[i];
      out.bit(zero, c, r == 0 ? 0 : 1);
      if (r != 0) {
        out.bit(negative, c, r < 0 ? 1 : 0);
        long magnitude = r == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(r);
        int j = 0;
        for (; j < UNARY && j < magnitude - 1; j++) {
          out.bit(more, c * UNARY + j, 1);
        }
        if (j < UNARY) {
          out.bit(more, c * UNARY + j, 0);
        } else {
          gamma(out, magnitude - UNARY);
        }
      }
      left = r;
    }
    previous = residuals.clone();
  }

  long[] decode(BinaryRangeCoder.Decoder in, int count) {
    long[] before = history(count);
    long[] residuals = new long[count];
    long left = 0;
    for (int i = 0; i < count; i++) {
      int c = context(before[i], left);
      long r = 0;
      if (in.bit(zero, c) == 1) {
        boolean neg = in.bit(negative, c) == 1;
        long magnitude = 1;
        int j = 0;
        while (j < UNARY && in.bit(more, c * UNARY + j) == 1) {
          j++;
          magnitude++;
        }
        if (j == UNARY) {
          magnitude = UNARY + gamma(in);
        }
        r = neg ? -magnitude : magnitude;
      }
      residuals[i] = r;
      left = r;
    }
    previous = residuals.clone();
    return residuals;
  }

  /** The previous list's residuals, or zeros when there was none of this length. */
  private long[] history(int count) {
    return previous.length == count ? previous : new long[count];
  }

  private static int context(long before, long left) {
    int b = (int) Math.max(-2, Math.min(2, before)) + 2;
    int l = (int) Math.max(-1, Math.min(1, left)) + 1;
    return b * 3 + l;
  }

  /** Elias gamma of {@code v >= 1}: the bit length in unary (adaptive), then the bits below the top one. */
  private void gamma(BinaryRangeCoder.Encoder out, long v) {
    int bits = 64 - Long.numberOfLeadingZeros(v);
    for (int i = 1; i < bits; i++) {
      out.bit(gammaLength, i, 1);
    }
    out.bit(gammaLength, bits, 0);
    out.direct(v, bits - 1);
  }

  private long gamma(BinaryRangeCoder.Decoder in) {
    int bits = 1;
    while (in.bit(gammaLength, bits) == 1) {
      bits++;
      if (bits >= MAX_GAMMA_BITS) {
        throw new MalformedMessageException("a residual too large in a coded trip log record", null);
      }
    }
    return (1L << (bits - 1)) | in.direct(bits - 1);
  }
}
