package io.locolink.gateway.framing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * The record layer of the gateway's own files (a trip log block, an energy archive day file): each
 * record is {@code varint length | payload | CRC32C of payload (4 bytes, little-endian)}. Pure
 * functions; thread-safe.
 */
public final class RecordFraming {

  /** Longest record accepted, bytes; anything longer is damage, not data. */
  public static final int MAX_RECORD_BYTES = 8 * 1024 * 1024;

  private RecordFraming() {}

  /** Appends one framed record to {@code out}. */
  public static void write(ByteArrayOutputStream out, byte[] payload) {
    if (payload.length > MAX_RECORD_BYTES) {
      throw new IllegalArgumentException("record of " + payload.length + " bytes exceeds " + MAX_RECORD_BYTES);
    }
    Varint.write(out, payload.length);
    out.write(payload, 0, payload.length);
    CRC32C crc = new CRC32C();
    crc.update(payload);
    int value = (int) crc.getValue();
    out.write(value);
    out.write(value >>> 8);
    out.write(value >>> 16);
    out.write(value >>> 24);
  }

  /** Bytes {@link #write} adds for a payload of {@code length} bytes. */
  public static int framedLength(int length) {
    return Varint.size(length) + length + 4;
  }

  /**
   * Splits a decompressed block into its records and hands each payload to {@code sink}.
   *
   * @throws DamagedRecordException if a length or a checksum does not hold
   */
  public static int readAll(byte[] block, int length, Consumer<byte[]> sink) {
    ByteBuffer buf = ByteBuffer.wrap(block, 0, length).order(ByteOrder.LITTLE_ENDIAN);
    int records = 0;
    while (buf.hasRemaining()) {
      int size = readVarint(buf);
      if (size < 0 || size > MAX_RECORD_BYTES || buf.remaining() < size + 4) {
        throw new DamagedRecordException("record length " + size + " does not fit its block");
      }
      byte[] payload = new byte[size];
      buf.get(payload);
      int stored = buf.getInt();
      CRC32C crc = new CRC32C();
      crc.update(payload);
      if ((int) crc.getValue() != stored) {
        throw new DamagedRecordException("record checksum mismatch");
      }
      sink.accept(payload);
      records++;
    }
    return records;
  }

  /**
   * Hands every intact record at the start of {@code data} to {@code sink} and stops at the first
   * record that is cut short or fails its checksum.
   *
   * @return the length of the intact prefix, bytes
   */
  public static int readPrefix(byte[] data, int length, Consumer<byte[]> sink) {
    ByteBuffer buf = ByteBuffer.wrap(data, 0, length).order(ByteOrder.LITTLE_ENDIAN);
    int valid = 0;
    while (buf.hasRemaining()) {
      try {
        int size = readVarint(buf);
        if (size < 0 || size > MAX_RECORD_BYTES || buf.remaining() < size + 4) {
          return valid;
        }
        byte[] payload = new byte[size];
        buf.get(payload);
        int stored = buf.getInt();
        CRC32C crc = new CRC32C();
        crc.update(payload);
        if ((int) crc.getValue() != stored) {
          return valid;
        }
        sink.accept(payload);
        valid = buf.position();
      } catch (DamagedRecordException e) {
        return valid;
      }
    }
    return valid;
  }

  private static int readVarint(ByteBuffer buf) {
    int value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      if (!buf.hasRemaining()) {
        throw new DamagedRecordException("record length cut short");
      }
      int b = buf.get() & 0xFF;
      value |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new DamagedRecordException("record length varint too long");
  }

  /** Bytes that fail a record's length or checksum check. */
  public static final class DamagedRecordException extends RuntimeException {

    public DamagedRecordException(String message) {
      super(message);
    }
  }
}
