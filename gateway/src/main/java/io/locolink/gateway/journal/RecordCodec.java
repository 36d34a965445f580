package io.locolink.gateway.journal;

import io.locolink.gateway.framing.StreamKind;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The on-disk layout of one journal record, and the checks that find where a damaged file can be
 * trusted again.
 *
 * <pre>
 *   magic    u16  0x4C4A ("LJ")
 *   length   u32  payload length, bytes
 *   crc      u32  CRC32C over length, kind, sequence, appendedAtMs and payload
 *   kind     u8   StreamKind ordinal
 *   sequence u64
 *   appendedAtMs i64 UTC milliseconds when the record was appended
 *   payload  length bytes
 * </pre>
 *
 * All integers big-endian. Stateless; safe from any thread.
 */
final class RecordCodec {

  static final short MAGIC = 0x4C4A;
  static final int HEADER_BYTES = 2 + 4 + 4 + 1 + 8 + 8;
  private static final StreamKind[] KINDS = StreamKind.values();

  private RecordCodec() {}

  /**
   * Encodes one record, header and payload, into {@code out} (cleared first), flipped ready to be
   * written; returns {@code out}, or a fresh buffer of the same kind if {@code out} is too small.
   * A direct {@code out} reused from record to record spares the allocation and the copy the
   * channel would make into its own direct buffer.
   */
  static ByteBuffer encode(StreamKind kind, long sequence, long appendedAtMs, byte[] payload, ByteBuffer out) {
    int total = HEADER_BYTES + payload.length;
    ByteBuffer buf = out.capacity() >= total ? out.clear()
        : out.isDirect() ? ByteBuffer.allocateDirect(total) : ByteBuffer.allocate(total);
    buf.putShort(MAGIC).putInt(payload.length).putInt(0).put((byte) kind.ordinal())
        .putLong(sequence).putLong(appendedAtMs).put(payload);
    CRC32C crc = new CRC32C();
    crc.update(buf.flip().slice(2, 4));
    crc.update(buf.slice(10, total - 10));
    return buf.putInt(6, (int) crc.getValue());
  }

  /**
   * The record that starts at {@code pos} of {@code data[0..size)}, if a whole, undamaged one
   * does; empty when the bytes there are not a valid record (torn, flipped or foreign).
   */
  static Optional<Parsed> parse(byte[] data, int pos, int size, int maxPayloadBytes) {
    if (pos + HEADER_BYTES > size) {
      return Optional.empty();
    }
    ByteBuffer buf = ByteBuffer.wrap(data, 0, size);
    if (buf.getShort(pos) != MAGIC) {
      return Optional.empty();
    }
    int length = buf.getInt(pos + 2);
    if (length < 0 || length > maxPayloadBytes || (long) pos + HEADER_BYTES + length > size) {
      return Optional.empty();
    }
    int kindOrdinal = data[pos + 10];
    if (kindOrdinal < 0 || kindOrdinal >= KINDS.length) {
      return Optional.empty();
    }
    if (buf.getInt(pos + 6) != crc(data, pos, length)) {
      return Optional.empty();
    }
    return Optional.of(new Parsed(KINDS[kindOrdinal], buf.getLong(pos + 11), buf.getLong(pos + 19),
        pos, HEADER_BYTES + length));
  }

  /** CRC32C of the record starting at {@code start}: length field, then everything after the crc. */
  private static int crc(byte[] data, int start, int payloadLength) {
    CRC32C crc = new CRC32C();
    crc.update(data, start + 2, 4);
    crc.update(data, start + 10, HEADER_BYTES - 10 + payloadLength);
    return (int) crc.getValue();
  }

  /** Where a valid record sits in a segment and what it holds, apart from its payload. */
  record Parsed(StreamKind kind, long sequence, long appendedAtMs, int offset, int totalBytes) {

    /** Offset of the payload in the segment. */
    int payloadOffset() {
      return offset + HEADER_BYTES;
    }

    int payloadBytes() {
      return totalBytes - HEADER_BYTES;
    }
  }
}
