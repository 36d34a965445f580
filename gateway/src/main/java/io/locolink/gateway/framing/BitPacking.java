package io.locolink.gateway.framing;

import java.io.ByteArrayOutputStream;

/**
 * Bit-packed delta coding of a list of scaled integers (the cell lists of a telemetry frame):
 * varint count, zigzag varint of the first value, one byte holding the bit width {@code w}, then
 * the zigzag deltas between neighbours as {@code w}-bit fields, least significant bit first.
 */
final class BitPacking {

  private static final int MAX_WIDTH = 33;

  private BitPacking() {}

  static byte[] pack(long[] values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 + values.length / 2);
    Varint.write(out, values.length);
    if (values.length == 0) {
      return out.toByteArray();
    }
    Varint.write(out, zigzag(values[0]));
    int width = 0;
    for (int i = 1; i < values.length; i++) {
      width = Math.max(width, 64 - Long.numberOfLeadingZeros(zigzag(values[i] - values[i - 1])));
    }
    out.write(width);
    long buffer = 0;
    int bits = 0;
    for (int i = 1; i < values.length; i++) {
      long field = zigzag(values[i] - values[i - 1]);
      for (int b = 0; b < width; b++) {
        buffer |= ((field >>> b) & 1L) << bits;
        if (++bits == 8) {
          out.write((int) buffer);
          buffer = 0;
          bits = 0;
        }
      }
    }
    if (bits > 0) {
      out.write((int) buffer);
    }
    return out.toByteArray();
  }

  /**
   * Unpacks what {@link #pack} wrote.
   *
   * @throws IllegalArgumentException if the bytes are truncated or the width is impossible
   */
  static long[] unpack(byte[] bytes) {
    int[] pos = {0};
    long n = readVarint(bytes, pos);
    if (n < 0 || n > 100_000) {
      throw new IllegalArgumentException("packed list claims " + n + " values");
    }
    long[] out = new long[(int) n];
    if (n == 0) {
      return out;
    }
    out[0] = unzigzag(readVarint(bytes, pos));
    if (pos[0] >= bytes.length) {
      throw new IllegalArgumentException("packed list truncated before its bit width");
    }
    int width = bytes[pos[0]++] & 0xff;
    if (width > MAX_WIDTH) {
      throw new IllegalArgumentException("packed list bit width " + width + " is impossible");
    }
    long bitIndex = (long) pos[0] * 8;
    if (bitIndex + (n - 1) * width > (long) bytes.length * 8) {
      throw new IllegalArgumentException("packed list truncated: " + n + " values of " + width + " bits");
    }
    long mask = (1L << width) - 1;  // width <= 33
    for (int i = 1; i < n; i++) {
      // The field's bytes, least significant first (at most 6: 7 bits of offset and 33 of field);
      // the length check above keeps them inside the array.
      int at = (int) (bitIndex >>> 3);
      int shift = (int) (bitIndex & 7);
      int end = (int) ((bitIndex + width + 7) >>> 3);
      long window = 0;
      for (int k = at; k < end; k++) {
        window |= (long) (bytes[k] & 0xff) << ((k - at) * 8);
      }
      bitIndex += width;
      out[i] = out[i - 1] + unzigzag((window >>> shift) & mask);
    }
    return out;
  }

  private static long zigzag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  private static long unzigzag(long v) {
    return (v >>> 1) ^ -(v & 1);
  }

  private static long readVarint(byte[] bytes, int[] pos) {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos[0] >= bytes.length) {
        throw new IllegalArgumentException("packed list truncated in a varint");
      }
      byte b = bytes[pos[0]++];
      result |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw new IllegalArgumentException("packed list varint too long");
  }
}
