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

  /** Codes {@code values} against {@code reference} (same length). */
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
    Choice best = null;
    for (int negate = 0; negate < 2; negate++) {
      long[] u = new long[n];
      for (int i = 0; i < n; i++) {
        long r = change[i] - shift;
        u[i] = zigzag(negate == 1 ? -r : r);
      }
      Choice dense = Choice.dense(u, negate == 1);
      Choice sparse = Choice.sparse(u, negate == 1);
      for (Choice c : new Choice[] {dense, sparse}) {
        if (best == null || c.bits < best.bits) {
          best = c;
        }
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 + n / 4);
    Varint.write(out, n);
    Varint.write(out, zigzag(shift));
    BitWriter bits = new BitWriter(out);
    out.write(best.mode | (best.negate ? NEGATED : 0));
    if (best.mode == DENSE) {
      out.write(best.k1);
      for (long x : best.u) {
        bits.rice(x, best.k1);
      }
    } else {
      Varint.write(out, best.gaps.length);
      if (best.gaps.length > 0) {
        out.write(best.k1);
        out.write(best.k2);
        for (int i = 0; i < best.gaps.length; i++) {
          bits.rice(best.gaps[i], best.k1);
          bits.rice(best.sizes[i], best.k2);
        }
      }
    }
    bits.flush();
    return out.toByteArray();
  }

  /** One way to write the residuals, with its length in bits after the mode byte. */
  private record Choice(int mode, boolean negate, long[] u, long[] gaps, long[] sizes, int k1, int k2, long bits) {

    static Choice dense(long[] u, boolean negate) {
      int k = bestK(u);
      return new Choice(DENSE, negate, u, null, null, k, 0, 8 + totalBits(u, k));
    }

    static Choice sparse(long[] u, boolean negate) {
      int nonZero = 0;
      for (long x : u) {
        nonZero += x == 0 ? 0 : 1;
      }
      long[] gaps = new long[nonZero];
      long[] sizes = new long[nonZero];
      int j = 0;
      int run = 0;
      for (long x : u) {
        if (x == 0) {
          run++;
        } else {
          gaps[j] = run;
          sizes[j++] = x - 1;
          run = 0;
        }
      }
      int gapK = bestK(gaps);
      int sizeK = bestK(sizes);
      long bits = 8L * Varint.size(nonZero) + (nonZero > 0 ? 16 : 0) + totalBits(gaps, gapK) + totalBits(sizes, sizeK);
      return new Choice(SPARSE, negate, u, gaps, sizes, gapK, sizeK, bits);
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

  private static int bestK(long[] values) {
    int best = 0;
    long bestBits = Long.MAX_VALUE;
    for (int k = 0; k <= MAX_K; k++) {
      long bits = totalBits(values, k);
      if (bits < bestBits) {
        bestBits = bits;
        best = k;
      }
    }
    return best;
  }

  private static long totalBits(long[] values, int k) {
    long bits = 0;
    for (long x : values) {
      bits += riceBits(x, k);
    }
    return bits;
  }

  private static long riceBits(long u, int k) {
    long q = u >>> k;
    return q >= ESCAPE_Q ? ESCAPE_Q + 64 : q + 1 + k;
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
    private int buffer;
    private int count;

    BitWriter(ByteArrayOutputStream out) {
      this.out = out;
    }

    void bit(int b) {
      buffer |= b << count;
      if (++count == 8) {
        out.write(buffer);
        buffer = 0;
        count = 0;
      }
    }

    void bits(long value, int width) {
      for (int i = 0; i < width; i++) {
        bit((int) ((value >>> i) & 1));
      }
    }

    void rice(long u, int k) {
      long q = u >>> k;
      if (q >= ESCAPE_Q) {
        bits(-1L, ESCAPE_Q);
        bits(u, 64);
        return;
      }
      for (long i = 0; i < q; i++) {
        bit(1);
      }
      bit(0);
      bits(u, k);
    }

    void flush() {
      if (count > 0) {
        out.write(buffer);
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
