package io.locolink.gateway.framing;

/**
 * The adaptive model of one fast channel's prediction residuals for a {@link BinaryRangeCoder}: the
 * residual zigzag-coded, then whether it is zero, its bit length in unary and the two bits below its
 * top bit each with adaptive probabilities, the lower bits as they are. So the coder learns each
 * channel's noise (a pack current's 6 bits, a steady speed's fraction of one) instead of spending
 * whole bytes. Coder and decoder keep the same state; one instance per channel and sequence of
 * records. Not thread-safe.
 */
final class SeriesResidualModel {

  private final short[] zero = BinaryRangeCoder.probabilities(1);
  private final short[] length = BinaryRangeCoder.probabilities(65);
  private final short[] top = BinaryRangeCoder.probabilities(65 * 4);

  void encode(BinaryRangeCoder.Encoder out, long residual) {
    long u = (residual << 1) ^ (residual >> 63);
    out.bit(zero, 0, u == 0 ? 0 : 1);
    if (u == 0) {
      return;
    }
    int bits = 64 - Long.numberOfLeadingZeros(u);
    for (int b = 1; b < bits; b++) {
      out.bit(length, b, 1);
    }
    if (bits < 64) {
      out.bit(length, bits, 0);
    }
    int context = 1;
    for (int j = bits - 2; j >= 0; j--) {
      int bit = (int) (u >>> j) & 1;
      if (j >= bits - 3) {
        out.bit(top, bits * 4 + context, bit);
        context = 2 + bit;
      } else {
        out.direct(bit, 1);
      }
    }
  }

  long decode(BinaryRangeCoder.Decoder in) {
    if (in.bit(zero, 0) == 0) {
      return 0;
    }
    int bits = 1;
    while (bits < 64 && in.bit(length, bits) == 1) {
      bits++;
    }
    long u = 1;
    int context = 1;
    for (int j = bits - 2; j >= 0; j--) {
      int bit;
      if (j >= bits - 3) {
        bit = in.bit(top, bits * 4 + context);
        context = 2 + bit;
      } else {
        bit = (int) in.direct(1);
      }
      u = (u << 1) | bit;
    }
    return (u >>> 1) ^ -(u & 1);
  }
}
