package io.locolink.gateway.trips;

import io.locolink.gateway.framing.RecordFraming;
import io.locolink.gateway.storage.FileIo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The deflate members of a trip log, as logs were written before LZMA2 members ({@link
 * Lzma2Members}), still read and, for comparison, still writable: each a gzip member (RFC 1952) with
 * an FEXTRA field {@code 'L','L'}, so a log of these alone is a valid multi-member gzip file
 * ({@code zcat} reads it).
 *
 * <pre>
 * 1f 8b 08 04 | mtime 0 (4) | xfl 0 | os ff | xlen 8 (2 LE) | 'L' 'L' | 4 (2 LE) | deflate length (4 LE)
 * deflate data | CRC32 of the uncompressed bytes (4 LE) | uncompressed length (4 LE)
 * </pre>
 *
 * Two kinds of member. A <em>block</em> ({@link #encode}; every member of logs written before
 * streamed members) is compressed in one go and its header holds the deflate length. A
 * <em>streamed</em> member ({@link #appendToMember}) is written a piece per flush: one deflate
 * stream continued across the flushes of up to {@code trips.blockBytes} of records, each flush
 * ending in a sync flush (an empty stored block, {@code 00 00 ff ff}, after which every byte so far
 * inflates), so a small flush every few seconds compresses about as well as one large block, since
 * the stream keeps its 32 KiB window. Its header's deflate length is 0: the reader finds its end by
 * inflating. A streamed member cut short by a crash is still read up to its last intact flush
 * ({@link #intactPrefix}); reopening the log for writing finishes it there.
 *
 * <p>Not thread-safe: one instance per writer or reader.
 */
final class BlockFormat {

  static final int HEADER_BYTES = 20;
  static final int TRAILER_BYTES = 8;
  /** Largest deflate payload or uncompressed block accepted when reading. */
  static final int MAX_BLOCK_BYTES = 16 * 1024 * 1024;

  /** The deflate length of a streamed member's header. */
  static final int STREAMED = 0;
  /** A final empty deflate block with fixed codes: ends a stream that stopped at a sync flush. */
  private static final byte[] FINAL_EMPTY_BLOCK = {0x03, 0x00};

  private final Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
  private final Inflater inflater = new Inflater(true);
  private final CRC32 memberCrc = new CRC32();
  private boolean memberOpen;
  private long memberBytes;

  /**
   * Compresses {@code data[0..length)} as the next flush of the streamed member being written
   * (starting one, header included, if none is open) and returns the bytes to append to the file;
   * with {@code finish} the member is also finished (final block and trailer).
   */
  byte[] appendToMember(byte[] data, int length, boolean finish) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(length / 2 + 64);
    if (!memberOpen) {
      deflater.reset();
      memberCrc.reset();
      memberBytes = 0;
      out.writeBytes(header(STREAMED));
      memberOpen = true;
    }
    deflater.setInput(data, 0, length);
    memberCrc.update(data, 0, length);
    memberBytes += length;
    byte[] buf = new byte[length / 2 + 256];
    int n;
    do {
      n = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
      out.write(buf, 0, n);
    } while (n == buf.length);
    if (finish) {
      out.writeBytes(finishMember());
    }
    return out.toByteArray();
  }

  /** Finishes the streamed member being written; returns the bytes to append (none if no member is open). */
  byte[] finishMember() {
    if (!memberOpen) {
      return new byte[0];
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    deflater.finish();
    byte[] buf = new byte[256];
    while (!deflater.finished()) {
      out.write(buf, 0, deflater.deflate(buf));
    }
    out.writeBytes(trailer((int) memberCrc.getValue(), memberBytes));
    memberOpen = false;
    return out.toByteArray();
  }

  /** Uncompressed bytes in the streamed member being written; 0 when none is open. */
  long memberBytes() {
    return memberOpen ? memberBytes : 0;
  }

  /**
   * What ends a streamed member that stopped at a sync flush whose stream so far inflates to
   * {@code plain}: a final empty block and the trailer.
   */
  static byte[] finishAfterSyncFlush(byte[] plain) {
    CRC32 crc = new CRC32();
    crc.update(plain);
    byte[] trailer = trailer((int) crc.getValue(), plain.length);
    byte[] out = Arrays.copyOf(FINAL_EMPTY_BLOCK, FINAL_EMPTY_BLOCK.length + trailer.length);
    System.arraycopy(trailer, 0, out, FINAL_EMPTY_BLOCK.length, trailer.length);
    return out;
  }

  private static byte[] header(int deflateLength) {
    ByteBuffer buf = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buf.put((byte) 0x1f).put((byte) 0x8b).put((byte) 8).put((byte) 4).putInt(0).put((byte) 0).put((byte) 0xff);
    buf.putShort((short) 8).put((byte) 'L').put((byte) 'L').putShort((short) 4).putInt(deflateLength);
    return buf.array();
  }

  private static byte[] trailer(int crc32, long length) {
    return ByteBuffer.allocate(TRAILER_BYTES).order(ByteOrder.LITTLE_ENDIAN).putInt(crc32).putInt((int) length).array();
  }

  /**
   * The intact start of a streamed member's deflate data that was cut short (a crash while it was
   * being written): the longest prefix ending just after a sync flush that inflates to whole,
   * intact records. Tries the sync-flush markers from the last one back; a prefix is accepted
   * only if it ends a deflate block exactly (it inflates to the end when a final empty block is
   * added) and its records all hold.
   *
   * @param data the member's bytes after its header, to the end of the file
   * @return the prefix's length and what it inflates to; length 0 if no flush is intact
   */
  Prefix intactPrefix(byte[] data) {
    for (int end = data.length; end >= 4; end--) {
      if (data[end - 4] != 0 || data[end - 3] != 0 || data[end - 2] != (byte) 0xff || data[end - 1] != (byte) 0xff) {
        continue;
      }
      byte[] plain = inflateClosed(data, end);
      if (plain != null) {
        try {
          RecordFraming.readAll(plain, plain.length, r -> { });
          return new Prefix(end, plain);
        } catch (RecordFraming.DamagedRecordException e) {
          // not whole records: an earlier flush, perhaps
        }
      }
    }
    return new Prefix(0, new byte[0]);
  }

  /** A streamed member's intact prefix: its length in bytes and what it inflates to. */
  record Prefix(int length, byte[] plain) {}

  /** Inflates {@code data[0..end)} followed by a final empty block; null unless that is exactly one whole stream. */
  private byte[] inflateClosed(byte[] data, int end) {
    inflater.reset();
    byte[] in = Arrays.copyOf(data, end + FINAL_EMPTY_BLOCK.length);
    System.arraycopy(FINAL_EMPTY_BLOCK, 0, in, end, FINAL_EMPTY_BLOCK.length);
    inflater.setInput(in);
    ByteArrayOutputStream out = new ByteArrayOutputStream(end * 4);
    byte[] buf = new byte[16 * 1024];
    try {
      while (!inflater.finished()) {
        int n = inflater.inflate(buf);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          return null;
        }
        out.write(buf, 0, n);
        if (out.size() > MAX_BLOCK_BYTES) {
          return null;
        }
      }
    } catch (DataFormatException e) {
      return null;
    }
    return inflater.getRemaining() == 0 ? out.toByteArray() : null;
  }

  /**
   * Inflates a streamed member from {@code channel} at {@code position} (just after its header)
   * until its deflate stream ends or the file does.
   *
   * @return the uncompressed bytes and the deflate data's length, or null if the stream does not
   *     end within the file (cut short) or does not inflate
   */
  Streamed inflateStreamed(FileIo.Handle channel, long position, long size)
      throws IOException {
    inflater.reset();
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    byte[] in = new byte[16 * 1024];
    byte[] buf = new byte[64 * 1024];
    long at = position;
    try {
      while (!inflater.finished()) {
        if (inflater.needsInput()) {
          if (at >= size) {
            return null;
          }
          ByteBuffer chunk = ByteBuffer.wrap(in, 0, (int) Math.min(in.length, size - at));
          int n = channel.read(chunk, at);
          if (n <= 0) {
            return null;
          }
          at += n;
          inflater.setInput(in, 0, n);
        }
        int k = inflater.inflate(buf);
        if (k == 0 && inflater.needsDictionary()) {
          return null;
        }
        out.write(buf, 0, k);
        if (out.size() > MAX_BLOCK_BYTES) {
          return null;
        }
      }
    } catch (DataFormatException e) {
      return null;
    }
    return new Streamed(out.toByteArray(), inflater.getBytesRead());
  }

  /** A whole streamed member's uncompressed bytes and the length of its deflate data. */
  record Streamed(byte[] plain, long deflateBytes) {}

  /** Whether {@code trailer} (8 bytes) names {@code plain}'s CRC32 and length. */
  static boolean trailerHolds(byte[] trailer, byte[] plain) {
    ByteBuffer t = ByteBuffer.wrap(trailer).order(ByteOrder.LITTLE_ENDIAN);
    CRC32 crc = new CRC32();
    crc.update(plain);
    return t.getInt() == (int) crc.getValue() && t.getInt() == plain.length;
  }

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
    System.arraycopy(header(deflated), 0, out, 0, HEADER_BYTES);
    ByteBuffer buf = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    CRC32 crc = new CRC32();
    crc.update(data, 0, length);
    buf.position(HEADER_BYTES + deflated);
    buf.putInt((int) crc.getValue()).putInt(length);
    return Arrays.copyOf(out, HEADER_BYTES + deflated + TRAILER_BYTES);
  }

  /**
   * Reads the deflate length from a member header: {@link #STREAMED} for a streamed member.
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
    if (length < 0 || length > MAX_BLOCK_BYTES) {
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
