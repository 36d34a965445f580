package io.locolink.gateway.framing;

import java.io.ByteArrayOutputStream;

/**
 * An adaptive binary range coder, the one of LZMA (11-bit probabilities, each moved 1/32 of the way
 * towards the bit just coded), with a short end: the coded bytes stop as soon as every continuation
 * with zero bytes decodes the same, so a few hundred bits cost a byte or two of termination rather
 * than five. Integer arithmetic only. Not thread-safe.
 */
final class BinaryRangeCoder {

  /** A probability's scale: 1 << 11 is certainty. */
  static final int ONE = 1 << 11;
  private static final int MOVE_BITS = 5;
  private static final int TOP = 1 << 24;

  private BinaryRangeCoder() {}

  /** A set of adaptive probabilities that a bit is 0, each starting at one half. */
  static short[] probabilities(int count) {
    short[] p = new short[count];
    java.util.Arrays.fill(p, (short) (ONE / 2));
    return p;
  }

  /** Codes bits into bytes. */
  static final class Encoder {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    private long low;
    private int range = 0xFFFFFFFF;
    private int cache;
    private long cacheSize = 1;
    private boolean first = true;

    void bit(short[] probs, int index, int bit) {
      int prob = probs[index];
      int bound = (range >>> 11) * prob;
      if (bit == 0) {
        range = bound;
        probs[index] = (short) (prob + ((ONE - prob) >>> MOVE_BITS));
      } else {
        low += bound & 0xFFFFFFFFL;
        range -= bound;
        probs[index] = (short) (prob - (prob >>> MOVE_BITS));
      }
      while (Integer.compareUnsigned(range, TOP) < 0) {
        range <<= 8;
        shiftLow();
      }
    }

    /** Codes the low {@code count} bits of {@code value}, most significant first, each with probability one half. */
    void direct(long value, int count) {
      for (int i = count - 1; i >= 0; i--) {
        range >>>= 1;
        if (((value >>> i) & 1) != 0) {
          low += range & 0xFFFFFFFFL;
        }
        while (Integer.compareUnsigned(range, TOP) < 0) {
          range <<= 8;
          shiftLow();
        }
      }
    }

    private void shiftLow() {
      int carry = (int) (low >>> 32);
      if (carry != 0 || low < 0xFF000000L) {
        int temp = cache;
        do {
          if (first) {
            first = false; // always 0 (nothing carries into it): the decoder does not need it
          } else {
            out.write(temp + carry);
          }
          temp = 0xFF;
        } while (--cacheSize != 0);
        cache = (int) (low >>> 24) & 0xFF;
      }
      cacheSize++;
      low = (low & 0x00FFFFFF) << 8;
    }

    /**
     * Ends the code and returns its bytes: of the values in the final interval, the one with the
     * most trailing zero bits, whose trailing zero bytes are then left out (the decoder reads zeros
     * past the end).
     */
    byte[] finish() {
      long high = low + (range & 0xFFFFFFFFL);
      for (int bits = 32; bits > 0; bits--) {
        long mask = (1L << bits) - 1;
        long v = (low + mask) & ~mask;
        if (v < high) {
          low = v;
          break;
        }
      }
      for (int i = 0; i < 5; i++) {
        shiftLow();
      }
      byte[] bytes = out.toByteArray();
      int n = bytes.length;
      while (n > 0 && bytes[n - 1] == 0) {
        n--;
      }
      return java.util.Arrays.copyOf(bytes, n);
    }
  }

  /** Decodes what an {@link Encoder} coded, from {@code bytes[from..to)}, reading zeros past the end. */
  static final class Decoder {

    private final byte[] bytes;
    private final int to;
    private int pos;
    private int range = 0xFFFFFFFF;
    private int code;

    Decoder(byte[] bytes, int from, int to) {
      this.bytes = bytes;
      this.to = to;
      this.pos = from;
      for (int i = 0; i < 4; i++) {
        code = (code << 8) | next();
      }
    }

    int bit(short[] probs, int index) {
      int prob = probs[index];
      int bound = (range >>> 11) * prob;
      int bit;
      if (Integer.compareUnsigned(code, bound) < 0) {
        range = bound;
        probs[index] = (short) (prob + ((ONE - prob) >>> MOVE_BITS));
        bit = 0;
      } else {
        code -= bound;
        range -= bound;
        probs[index] = (short) (prob - (prob >>> MOVE_BITS));
        bit = 1;
      }
      normalize();
      return bit;
    }

    long direct(int count) {
      long value = 0;
      for (int i = 0; i < count; i++) {
        range >>>= 1;
        int bit = Integer.compareUnsigned(code, range) >= 0 ? 1 : 0;
        if (bit == 1) {
          code -= range;
        }
        value = (value << 1) | bit;
        normalize();
      }
      return value;
    }

    private void normalize() {
      while (Integer.compareUnsigned(range, TOP) < 0) {
        range <<= 8;
        code = (code << 8) | next();
      }
    }

    private int next() {
      return pos < to ? bytes[pos++] & 0xff : 0;
    }
  }
}
