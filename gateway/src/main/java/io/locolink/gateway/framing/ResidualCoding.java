package io.locolink.gateway.framing;

import java.io.ByteArrayOutputStream;

/**
 * A list of scaled integers coded as its change from a reference list of the same length (the
 * {@code CellPrediction} residual lists of a telemetry frame): a common shift, then each value's
 * residual Rice-coded, densely or as the positions and sizes of the non-zero residuals only,
 * whichever is shorter. Lossless: {@code decode(encode(v, ref), ref)} equals {@code v}.
 */
final class ResidualCoding {

  static final int DENSE = 0;
  static final int SPARSE = 1;
  /** Mode bit: the residuals were negated before zigzag coding (when most non-zero ones are positive). */
  static final int NEGATED = 2;
  private static final int ESCAPE_Q = 32;
  private static final int MAX_K = 20;

  private ResidualCoding() {}

  /**
   * Codes {@code values} against {@code reference} (same length): of the two signs and the two
   * layouts, the shortest, each with its best Rice parameters (the smallest on a tie), found from
   * one pass over the residuals per sign ({@link RiceCost}).
   */
  static byte[] encode(long[] values, long[] reference) {
    if (values.length != reference.length) {
      throw new IllegalArgumentException("a residual list needs a reference of the same length: "
          + values.length + " != " + reference.length);
    }
    int n = values.length;
    long[] change = new long[n];
    for (int i = 0; i < n; i++) {
      change[i] = values[i] - reference[i];
    }
    long shift = n == 0 ? 0 : median(change);
    RiceCost dense = new RiceCost();
    RiceCost gaps = new RiceCost();
    RiceCost sizes = new RiceCost();
    int mode = DENSE;
    boolean negate = false;
    int k1 = 0;
    int k2 = 0;
    long best = Long.MAX_VALUE;
    for (int sign = 0; sign < 2; sign++) {
      dense.clear();
      gaps.clear();
      sizes.clear();
      int run = 0;
      for (int i = 0; i < n; i++) {
        long u = residual(change[i], shift, sign == 1);
        dense.add(u);
        if (u == 0) {
          run++;
        } else {
          gaps.add(run);
          sizes.add(u - 1);
          run = 0;
        }
      }
      int denseK = dense.bestK();
      long denseBits = 8 + dense.bits(denseK);
      if (denseBits < best) {
        best = denseBits;
        mode = DENSE;
        negate = sign == 1;
        k1 = denseK;
      }
      int nonZero = gaps.count();
      int gapK = gaps.bestK();
      int sizeK = sizes.bestK();
      long sparseBits = 8L * Varint.size(nonZero) + (nonZero > 0 ? 16 : 0) + gaps.bits(gapK) + sizes.bits(sizeK);
      if (sparseBits < best) {
        best = sparseBits;
        mode = SPARSE;
        negate = sign == 1;
        k1 = gapK;
        k2 = sizeK;
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 + n / 4);
    Varint.write(out, n);
    Varint.write(out, zigzag(shift));
    BitWriter bits = new BitWriter(out);
    out.write(mode | (negate ? NEGATED : 0));
    if (mode == DENSE) {
      out.write(k1);
      for (int i = 0; i < n; i++) {
        bits.rice(residual(change[i], shift, negate), k1);
      }
    } else {
      int nonZero = 0;
      for (int i = 0; i < n; i++) {
        nonZero += change[i] == shift ? 0 : 1;
      }
      Varint.write(out, nonZero);
      if (nonZero > 0) {
        out.write(k1);
        out.write(k2);
        int run = 0;
        for (int i = 0; i < n; i++) {
          long u = residual(change[i], shift, negate);
          if (u == 0) {
            run++;
          } else {
            bits.rice(run, k1);
            bits.rice(u - 1, k2);
            run = 0;
          }
        }
      }
    }
    bits.flush();
    return out.toByteArray();
  }

  /** The zigzag code of a value's residual after the shift, negated or not. */
  private static long residual(long change, long shift, boolean negate) {
    long r = change - shift;
    return zigzag(negate ? -r : r);
  }

  /**
   * The Rice-coded length of a list of unsigned values for every parameter k from 0 to {@link
   * #MAX_K}, gathered in one pass. A value of bit length L costs 1 + k bits when L <= k, the
   * escape when L >= k + 6 (its quotient has 6 bits or more, so is 32 or more), and (u >>> k) + 1
   * + k bits in between: only those five parameters need the value itself, the rest its length.
   */
  private static final class RiceCost {
    /** Sum of u >>> k over the values for which k is one of the five in between. */
    private final long[] quotients = new long[MAX_K + 1];
    /** How many values have each bit length, 0 to 64. */
    private final int[] byLength = new int[65];
    private int count;

    void clear() {
      java.util.Arrays.fill(quotients, 0);
      java.util.Arrays.fill(byLength, 0);
      count = 0;
    }

    void add(long u) {
      int length = 64 - Long.numberOfLeadingZeros(u);
      byLength[length]++;
      count++;
      for (int k = Math.max(0, length - 5); k < length && k <= MAX_K; k++) {
        quotients[k] += u >>> k;
      }
    }

    int count() {
      return count;
    }

    /** The parameter with the fewest bits, the smallest on a tie. */
    int bestK() {
      int best = 0;
      long bestBits = Long.MAX_VALUE;
      long notEscaped = 0;
      for (int length = 0; length <= 5; length++) {
        notEscaped += byLength[length];
      }
      for (int k = 0; k <= MAX_K; k++) {
        long bits = notEscaped * (1 + k) + quotients[k] + (count - notEscaped) * (ESCAPE_Q + 64);
        if (bits < bestBits) {
          bestBits = bits;
          best = k;
        }
        notEscaped += byLength[k + 6];
      }
      return best;
    }

    /** The bits of the whole list with parameter {@code k}. */
    long bits(int k) {
      long notEscaped = 0;
      for (int length = 0; length <= k + 5; length++) {
        notEscaped += byLength[length];
      }
      return notEscaped * (1 + k) + quotients[k] + (count - notEscaped) * (ESCAPE_Q + 64);
    }
  }

  /**
   * Undoes {@link #encode} against the same reference.
   *
   * @throws IllegalArgumentException if the bytes are truncated, inconsistent, or for another length
   */
  static long[] decode(byte[] bytes, long[] reference) {
    int[] pos = {0};
    long n = readVarint(bytes, pos);
    if (n != reference.length) {
      throw new IllegalArgumentException("residual list of " + n + " values against a reference of "
          + reference.length);
    }
    long shift = unzigzag(readVarint(bytes, pos));
    int modeByte = readByte(bytes, pos);
    int mode = modeByte & ~NEGATED;
    long sign = (modeByte & NEGATED) != 0 ? -1 : 1;
    long[] out = new long[(int) n];
    if (mode == DENSE) {
      int k = readK(bytes, pos);
      BitReader in = new BitReader(bytes, pos[0]);
      for (int i = 0; i < n; i++) {
        out[i] = reference[i] + shift + sign * unzigzag(in.rice(k));
      }
      return out;
    }
    if (mode != SPARSE) {
      throw new IllegalArgumentException("residual list mode " + modeByte + " is unknown");
    }
    long m = readVarint(bytes, pos);
    if (m < 0 || m > n) {
      throw new IllegalArgumentException("residual list claims " + m + " non-zero values of " + n);
    }
    long[] residual = new long[(int) n];
    if (m > 0) {
      int gapK = readK(bytes, pos);
      int sizeK = readK(bytes, pos);
      BitReader in = new BitReader(bytes, pos[0]);
      long at = 0;
      for (long i = 0; i < m; i++) {
        at += in.rice(gapK);
        long size = in.rice(sizeK);
        if (at < 0 || at >= n) {
          throw new IllegalArgumentException("residual list position " + at + " outside " + n + " values");
        }
        residual[(int) at] = unzigzag(size + 1);
        at++;
      }
    }
    for (int i = 0; i < n; i++) {
      out[i] = reference[i] + shift + sign * residual[i];
    }
    return out;
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static int readK(byte[] bytes, int[] pos) {
    int k = readByte(bytes, pos);
    if (k > MAX_K) {
      throw new IllegalArgumentException("residual list Rice parameter " + k + " is impossible");
    }
    return k;
  }

  private static int readByte(byte[] bytes, int[] pos) {
    if (pos[0] >= bytes.length) {
      throw new IllegalArgumentException("residual list truncated in its header");
    }
    return bytes[pos[0]++] & 0xff;
  }

  static long zigzag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  static long unzigzag(long v) {
    return (v >>> 1) ^ -(v & 1);
  }

  private static long readVarint(byte[] bytes, int[] pos) {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos[0] >= bytes.length) {
        throw new IllegalArgumentException("residual list truncated in a varint");
      }
      byte b = bytes[pos[0]++];
      result |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw new IllegalArgumentException("residual list varint too long");
  }

  /** Bits least significant first into whole bytes. */
  private static final class BitWriter {
    private final ByteArrayOutputStream out;
    /** Bits not yet written, the first in the lowest place; fewer than 8 between calls. */
    private long buffer;
    private int count;

    BitWriter(ByteArrayOutputStream out) {
      this.out = out;
    }

    /** The low {@code width} bits of {@code value}, width at most 56. */
    private void bits(long value, int width) {
      if (width == 0) {
        return;
      }
      buffer |= (value & (-1L >>> (64 - width))) << count;
      count += width;
      while (count >= 8) {
        out.write((int) buffer);
        buffer >>>= 8;
        count -= 8;
      }
    }

    /**
     * The quotient in unary (ones ended by a zero), then the low k bits; when the quotient is 32 or
     * more, 32 ones and all 64 bits instead.
     */
    void rice(long u, int k) {
      long q = u >>> k;
      if (Long.compareUnsigned(q, ESCAPE_Q) >= 0) {
        bits(-1L, ESCAPE_Q);
        bits(u, 32);
        bits(u >>> 32, 32);
        return;
      }
      bits((1L << q) - 1, (int) q + 1);
      bits(u, k);
    }

    void flush() {
      if (count > 0) {
        out.write((int) buffer);
        buffer = 0;
        count = 0;
      }
    }
  }

  /** Reads what {@link BitWriter} wrote; running past the end is an {@link IllegalArgumentException}. */
  private static final class BitReader {
    private final byte[] bytes;
    private long index;

    BitReader(byte[] bytes, int start) {
      this.bytes = bytes;
      this.index = (long) start * 8;
    }

    int bit() {
      if (index >= (long) bytes.length * 8) {
        throw new IllegalArgumentException("residual list truncated in its bits");
      }
      int b = (bytes[(int) (index >>> 3)] >>> (index & 7)) & 1;
      index++;
      return b;
    }

    long bits(int width) {
      long v = 0;
      for (int i = 0; i < width; i++) {
        v |= (long) bit() << i;
      }
      return v;
    }

    long rice(int k) {
      int q = 0;
      while (q < ESCAPE_Q && bit() == 1) {
        q++;
      }
      if (q == ESCAPE_Q) {
        return bits(64);
      }
      return ((long) q << k) | bits(k);
    }
  }
}
