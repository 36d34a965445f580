package io.locolink.gateway.framing;

import java.io.ByteArrayOutputStream;

/**
 * Base-128 varints as the Protocol Buffers encoding defines them (encoding guide, "Base 128
 * Varints"): seven bits per byte, least significant group first, the high bit set on every byte
 * but the last. The one varint writer of the gateway, for framing's packed fields and the trip
 * log's record lengths.
 */
public final class Varint {

  private Varint() {}

  /** Appends {@code value} (taken as unsigned) to {@code out}. */
  public static void write(ByteArrayOutputStream out, long value) {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  /** Bytes {@link #write} uses for {@code value}: 1 to 10. */
  public static int size(long value) {
    int bytes = 1;
    for (long v = value; (v & ~0x7FL) != 0; v >>>= 7) {
      bytes++;
    }
    return bytes;
  }
}
