package io.locolink.gateway.trips;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * One compressed block of a trip log: a complete gzip member (RFC 1952) whose FEXTRA field
 * {@code 'L','L'} holds the length of the deflate data, so a reader can step from block to block
 * and a file of blocks is still a valid multi-member gzip file ({@code zcat} reads it).
 *
 * <pre>
 * 1f 8b 08 04 | mtime 0 (4) | xfl 0 | os ff | xlen 8 (2 LE) | 'L' 'L' | 4 (2 LE) | deflate length (4 LE)
 * deflate data | CRC32 of the uncompressed bytes (4 LE) | uncompressed length (4 LE)
 * </pre>
 *
 * Not thread-safe: one instance per writer or reader.
 */
final class BlockFormat {

  static final int HEADER_BYTES = 20;
  static final int TRAILER_BYTES = 8;
  /** Largest deflate payload or uncompressed block accepted when reading. */
  static final int MAX_BLOCK_BYTES = 16 * 1024 * 1024;

  private final Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
  private final Inflater inflater = new Inflater(true);

  /** Compresses {@code data[0..length)} into one complete gzip member. */
  byte[] encode(byte[] data, int length) {
    deflater.reset();
    deflater.setInput(data, 0, length);
    deflater.finish();
    byte[] out = new byte[HEADER_BYTES + length + length / 8 + 64 + TRAILER_BYTES];
    int deflated = 0;
    while (!deflater.finished()) {
      if (HEADER_BYTES + deflated == out.length - TRAILER_BYTES) {
        out = Arrays.copyOf(out, out.length * 2);
      }
      deflated += deflater.deflate(out, HEADER_BYTES + deflated, out.length - TRAILER_BYTES - HEADER_BYTES - deflated);
    }
    ByteBuffer buf = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    buf.put((byte) 0x1f).put((byte) 0x8b).put((byte) 8).put((byte) 4).putInt(0).put((byte) 0).put((byte) 0xff);
    buf.putShort((short) 8).put((byte) 'L').put((byte) 'L').putShort((short) 4).putInt(deflated);
    CRC32 crc = new CRC32();
    crc.update(data, 0, length);
    buf.position(HEADER_BYTES + deflated);
    buf.putInt((int) crc.getValue()).putInt(length);
    return Arrays.copyOf(out, HEADER_BYTES + deflated + TRAILER_BYTES);
  }

  /**
   * Reads the deflate length from a block header.
   *
   * @throws TripLogCorruptException if the header is not one this format writes
   */
  static int deflateLength(ByteBuffer header) {
    ByteBuffer buf = header.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    int p = buf.position();
    if ((buf.get(p) & 0xff) != 0x1f || (buf.get(p + 1) & 0xff) != 0x8b || buf.get(p + 2) != 8
        || buf.get(p + 3) != 4 || buf.getShort(p + 10) != 8 || buf.get(p + 12) != 'L'
        || buf.get(p + 13) != 'L' || buf.getShort(p + 14) != 4) {
      throw new TripLogCorruptException("not a trip log block header");
    }
    int length = buf.getInt(p + 16);
    if (length <= 0 || length > MAX_BLOCK_BYTES) {
      throw new TripLogCorruptException("block length " + length + " out of range");
    }
    return length;
  }

  /**
   * Decompresses a block body ({@code deflate data + trailer}) and checks its CRC32 and length.
   *
   * @return the uncompressed bytes
   * @throws TripLogCorruptException if the data does not inflate or does not match its trailer
   */
  byte[] decode(byte[] body) {
    ByteBuffer trailer = ByteBuffer.wrap(body, body.length - TRAILER_BYTES, TRAILER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    int crcStored = trailer.getInt();
    int size = trailer.getInt();
    if (size < 0 || size > MAX_BLOCK_BYTES) {
      throw new TripLogCorruptException("uncompressed block length " + size + " out of range");
    }
    byte[] out = new byte[size];
    inflater.reset();
    inflater.setInput(body, 0, body.length - TRAILER_BYTES);
    try {
      int n = size == 0 ? 0 : inflater.inflate(out);
      if (n != size || !inflaterDone(size)) {
        throw new TripLogCorruptException("block inflates to a different length than its trailer says");
      }
    } catch (DataFormatException e) {
      throw new TripLogCorruptException("block does not inflate: " + e.getMessage());
    }
    CRC32 crc = new CRC32();
    crc.update(out);
    if ((int) crc.getValue() != crcStored) {
      throw new TripLogCorruptException("block CRC32 mismatch");
    }
    return out;
  }

  private boolean inflaterDone(int size) throws DataFormatException {
    if (inflater.finished()) {
      return true;
    }
    byte[] probe = new byte[1];
    return inflater.inflate(probe) == 0 && inflater.finished();
  }

  void close() {
    deflater.end();
    inflater.end();
  }
}
