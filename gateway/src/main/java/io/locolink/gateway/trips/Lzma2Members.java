package io.locolink.gateway.trips;

import io.locolink.gateway.framing.RecordFraming;
import io.locolink.gateway.storage.FileIo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.tukaani.xz.FinishableOutputStream;
import org.tukaani.xz.FinishableWrapperOutputStream;
import org.tukaani.xz.LZMA2InputStream;
import org.tukaani.xz.LZMA2Options;

/**
 * The LZMA2 members of a trip log (format 3, the one written now): one raw LZMA2 stream continued
 * across the flushes of up to {@code trips.blockBytes} of records, each flush ending an LZMA2 chunk,
 * after which every byte so far decodes; the stream keeps its dictionary and probabilities across
 * the flushes, as a streamed deflate member keeps its window.
 *
 * <pre>
 * 'L' 'L' 'Z' 1 | record coding (1: 0 records as they are, 1 {@code LogRecordModel}) | 0
 *   | dictionary size (4 LE) | LZMA2 chunks | end marker 00 | CRC32 of the records (4 LE) | their length (4 LE)
 * </pre>
 *
 * The chunks' headers give their sizes, so a member's end is found without decoding it. A member
 * cut short by a crash is read up to its last intact chunk whose records are all whole ({@link
 * #read}); reopening the log for writing finishes it there with the end marker and the trailer.
 * Not thread-safe: one instance per writer.
 */
final class Lzma2Members {

  static final int HEADER_BYTES = 10;
  static final int TRAILER_BYTES = 8;
  /** Records as they are. */
  static final int PLAIN = 0;
  /** Records coded by {@code LogRecordModel}, whose state starts afresh with every member. */
  static final int MODELLED = 1;
  /** The dictionary: 64 KiB, a whole member of the default size, and about 2 MiB of coder memory. */
  static final int DICT_BYTES = 64 * 1024;
  private static final int MAX_DICT_BYTES = 64 << 20;
  private static final byte[] MAGIC = {'L', 'L', 'Z', 1};

  private final int coding;
  private final LZMA2Options options;
  private final ByteArrayOutputStream sink = new ByteArrayOutputStream(4096);
  private final CRC32 memberCrc = new CRC32();
  private FinishableOutputStream stream;
  private long memberBytes;

  Lzma2Members(int coding) {
    this.coding = coding;
    try {
      options = new LZMA2Options(LZMA2Options.PRESET_DEFAULT);
      options.setDictSize(DICT_BYTES);
    } catch (org.tukaani.xz.UnsupportedOptionsException e) {
      throw new IllegalStateException("LZMA2 refuses its default options", e);
    }
  }

  /** Whether the bytes at {@code header}'s position start a member of this kind (at least 4 remain). */
  static boolean startsMember(ByteBuffer header) {
    int p = header.position();
    return header.remaining() >= MAGIC.length && header.get(p) == MAGIC[0] && header.get(p + 1) == MAGIC[1]
        && header.get(p + 2) == MAGIC[2] && header.get(p + 3) == MAGIC[3];
  }

  /**
   * Compresses {@code data[0..length)} as the next flush of the member being written (starting one,
   * header included, if none is open) and returns the bytes to append to the file; with {@code
   * finish} the member is also finished (end marker and trailer).
   */
  byte[] appendToMember(byte[] data, int length, boolean finish) {
    try {
      if (stream == null) {
        sink.writeBytes(header(coding, DICT_BYTES));
        stream = options.getOutputStream(new FinishableWrapperOutputStream(sink));
        memberCrc.reset();
        memberBytes = 0;
      }
      stream.write(data, 0, length);
      stream.flush();
      memberCrc.update(data, 0, length);
      memberBytes += length;
      if (finish) {
        finishStream();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("LZMA2 into memory failed", e);
    }
    return drain();
  }

  /** Finishes the member being written; returns the bytes to append (none if no member is open). */
  byte[] finishMember() {
    if (stream == null) {
      return new byte[0];
    }
    try {
      finishStream();
    } catch (IOException e) {
      throw new UncheckedIOException("LZMA2 into memory failed", e);
    }
    return drain();
  }

  private void finishStream() throws IOException {
    stream.finish();
    sink.writeBytes(trailer((int) memberCrc.getValue(), memberBytes));
    stream = null;
  }

  private byte[] drain() {
    byte[] out = sink.toByteArray();
    sink.reset();
    return out;
  }

  /** Uncompressed bytes in the member being written; 0 when none is open. */
  long memberBytes() {
    return stream == null ? 0 : memberBytes;
  }

  /** Whether a member is open, so that the next records continue its stream (and its record coding's state). */
  boolean memberOpen() {
    return stream != null;
  }

  private static byte[] header(int coding, int dictBytes) {
    return ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN).put(MAGIC).put((byte) coding)
        .put((byte) 0).putInt(dictBytes).array();
  }

  private static byte[] trailer(int crc32, long length) {
    return ByteBuffer.allocate(TRAILER_BYTES).order(ByteOrder.LITTLE_ENDIAN).putInt(crc32).putInt((int) length).array();
  }

  /**
   * A member as read: its records' bytes, where it ends, its record coding, and, for a member that
   * was never finished (cut short by a crash, or still being written), the bytes that finish it at
   * {@code end}; null for a whole member.
   */
  record Member(byte[] plain, long end, int coding, byte[] finishing) {}

  /**
   * Reads the member at {@code position}: whole, or up to its last chunk that ends with whole,
   * intact records.
   *
   * @return the member, or null if not even its first chunk is intact (a torn tail from its start)
   * @throws TripLogCorruptException if the header is not one this format writes
   */
  static Member read(FileIo.Handle channel, long position, long size) throws IOException {
    if (size - position < HEADER_BYTES) {
      return null;
    }
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    TripLogReader.readFully(channel, header, position);
    header.flip();
    int coding = header.get(4);
    int dictBytes = header.getInt(6);
    if (!startsMember(header) || (coding != PLAIN && coding != MODELLED) || header.get(5) != 0
        || dictBytes < LZMA2Options.DICT_SIZE_MIN || dictBytes > MAX_DICT_BYTES) {
      throw new TripLogCorruptException("not a trip log LZMA2 member header");
    }
    long dataAt = position + HEADER_BYTES;
    Chunks chunks = walk(channel, dataAt, size);
    if (chunks.endMarker >= 0 && dataAt + chunks.endMarker + 1 + TRAILER_BYTES <= size) {
      byte[] data = new byte[(int) chunks.endMarker + 1 + TRAILER_BYTES];
      TripLogReader.readFully(channel, ByteBuffer.wrap(data), dataAt);
      byte[] plain = decode(data, (int) chunks.endMarker + 1, dictBytes);
      if (plain != null && BlockFormat.trailerHolds(Arrays.copyOfRange(data, data.length - TRAILER_BYTES,
          data.length), plain)) {
        return new Member(plain, dataAt + data.length, coding, null);
      }
    }
    if (chunks.ends.isEmpty()) {
      return null;
    }
    byte[] data = new byte[(int) (long) chunks.ends.get(chunks.ends.size() - 1)];
    TripLogReader.readFully(channel, ByteBuffer.wrap(data), dataAt);
    for (int i = chunks.ends.size() - 1; i >= 0; i--) {
      int end = (int) (long) chunks.ends.get(i);
      byte[] closed = Arrays.copyOf(data, end + 1);
      closed[end] = 0x00; // the end marker
      byte[] plain = decode(closed, closed.length, dictBytes);
      if (plain != null && wholeRecords(plain)) {
        byte[] finishing = new byte[1 + TRAILER_BYTES];
        CRC32 crc = new CRC32();
        crc.update(plain);
        System.arraycopy(trailer((int) crc.getValue(), plain.length), 0, finishing, 1, TRAILER_BYTES);
        return new Member(plain, dataAt + end, coding, finishing);
      }
    }
    return null;
  }

  private static boolean wholeRecords(byte[] plain) {
    try {
      RecordFraming.readAll(plain, plain.length, r -> { });
      return true;
    } catch (RecordFraming.DamagedRecordException e) {
      return false;
    }
  }

  /** Decodes {@code data[0..length)}, which must be exactly one LZMA2 stream; null if it is not. */
  private static byte[] decode(byte[] data, int length, int dictBytes) {
    try (LZMA2InputStream in = new LZMA2InputStream(new ByteArrayInputStream(data, 0, length), dictBytes)) {
      byte[] plain = in.readNBytes(BlockFormat.MAX_BLOCK_BYTES + 1);
      return plain.length > BlockFormat.MAX_BLOCK_BYTES || in.read() != -1 ? null : plain;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Where the chunks after {@code dataAt} end (offsets from {@code dataAt}) as far as they lie whole
   * in the file, and the end marker's offset, or -1 if none was reached.
   */
  private record Chunks(List<Long> ends, long endMarker) {}

  private static Chunks walk(FileIo.Handle channel, long dataAt, long size) throws IOException {
    List<Long> ends = new ArrayList<>();
    ByteBuffer head = ByteBuffer.allocate(6);
    long at = 0;
    long unpacked = 0;
    while (dataAt + at < size) {
      head.clear();
      head.limit((int) Math.min(6, size - dataAt - at));
      TripLogReader.readFully(channel, head, dataAt + at);
      int control = head.get(0) & 0xff;
      if (control == 0x00) {
        return new Chunks(ends, at);
      }
      long next;
      if (control == 0x01 || control == 0x02) { // uncompressed chunk
        if (head.limit() < 3) {
          break;
        }
        int bytes = ((head.get(1) & 0xff) << 8 | (head.get(2) & 0xff)) + 1;
        unpacked += bytes;
        next = at + 3 + bytes;
      } else if (control >= 0x80) { // LZMA chunk, with new properties from 0xC0 on
        int headBytes = control >= 0xC0 ? 6 : 5;
        if (head.limit() < headBytes) {
          break;
        }
        unpacked += ((control & 0x1f) << 16 | (head.get(1) & 0xff) << 8 | (head.get(2) & 0xff)) + 1;
        next = at + headBytes + ((head.get(3) & 0xff) << 8 | (head.get(4) & 0xff)) + 1;
      } else {
        break;
      }
      if (dataAt + next > size || unpacked > BlockFormat.MAX_BLOCK_BYTES) {
        break;
      }
      at = next;
      ends.add(at);
    }
    return new Chunks(ends, -1);
  }
}
