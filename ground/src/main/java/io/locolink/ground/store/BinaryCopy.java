package io.locolink.ground.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import org.postgresql.PGConnection;

/**
 * Rows in PostgreSQL's binary COPY format ({@code COPY ... FROM STDIN (FORMAT binary)}), sent
 * through pgjdbc's {@link org.postgresql.copy.CopyManager}. Each value travels as its binary
 * representation (an int8 as 8 bytes, a bytea as its bytes), so the server neither parses text nor
 * decodes hex, which is what makes a batch of thousands of frames cheap. The caller writes each
 * row's fields in the order of the column list it copies into, with the types of those columns.
 * Not thread-safe; one per statement.
 */
final class BinaryCopy {

  /** Microseconds from the Unix epoch to PostgreSQL's (2000-01-01 00:00 UTC). */
  private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;
  private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};

  private byte[] buf;
  private int len;
  private int rows;

  /** @param expectedBytes a guess of the stream's size, to size the buffer once */
  BinaryCopy(int expectedBytes) {
    buf = new byte[Math.max(64, expectedBytes)];
    System.arraycopy(SIGNATURE, 0, buf, 0, SIGNATURE.length);
    len = SIGNATURE.length;
    putInt(0);  // flags: no OIDs
    putInt(0);  // no header extension
  }

  /** Starts a row of {@code fields} values. */
  BinaryCopy row(int fields) {
    rows++;
    putShort(fields);
    return this;
  }

  /** A {@code bigint}; null for NULL. */
  BinaryCopy int8(Long v) {
    if (v == null) {
      putInt(-1);
    } else {
      putInt(8);
      putLong(v);
    }
    return this;
  }

  /** An {@code integer}; null for NULL. */
  BinaryCopy int4(Integer v) {
    if (v == null) {
      putInt(-1);
    } else {
      putInt(4);
      putInt(v);
    }
    return this;
  }

  /**
   * A {@code smallint}; null for NULL.
   *
   * @throws IllegalArgumentException if the value does not fit 16 bits
   */
  BinaryCopy int2(Integer v) {
    if (v == null) {
      putInt(-1);
      return this;
    }
    if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
      throw new IllegalArgumentException("value " + v + " does not fit a smallint column");
    }
    putInt(2);
    putShort(v);
    return this;
  }

  /** A {@code boolean}. */
  BinaryCopy bool(boolean v) {
    putInt(1);
    ensure(1);
    buf[len++] = (byte) (v ? 1 : 0);
    return this;
  }

  /** A {@code bytea}. */
  BinaryCopy bytea(byte[] v) {
    putInt(v.length);
    ensure(v.length);
    System.arraycopy(v, 0, buf, len, v.length);
    len += v.length;
    return this;
  }

  /** A {@code timestamptz} from Unix milliseconds. */
  BinaryCopy timestampMs(long epochMs) {
    putInt(8);
    putLong(Math.subtractExact(Math.multiplyExact(epochMs, 1000L), PG_EPOCH_MICROS));
    return this;
  }

  /** Rows written so far. */
  int rows() {
    return rows;
  }

  /**
   * Sends the rows into {@code target}, e.g. {@code frame_second (time, locomotive_id, ...)}, on
   * the caller's connection and inside its transaction.
   *
   * @return the number of rows the server copied
   */
  long copyInto(Connection c, String target) throws SQLException {
    putShort(-1);  // trailer
    try {
      return c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + target + " FROM STDIN (FORMAT binary)",
          new ByteArrayInputStream(buf, 0, len), 1 << 16);
    } catch (IOException e) {
      throw new SQLException("binary COPY into " + target + " failed: " + e.getMessage(), "08006", e);
    }
  }

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
  }

  private void putShort(int v) {
    ensure(2);
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) v;
  }

  private void putInt(int v) {
    ensure(4);
    buf[len++] = (byte) (v >>> 24);
    buf[len++] = (byte) (v >>> 16);
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) v;
  }

  private void putLong(long v) {
    putInt((int) (v >>> 32));
    putInt((int) v);
  }
}
