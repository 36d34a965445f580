package io.locolink.gateway.framing;

import java.util.Arrays;

/**
 * Marks an encoded LocoLink message as sent from the backlog without decoding it: appends the
 * encoding of field 1 (the {@code Header}, in every top-level message of locolink.v1) holding only
 * {@code historical = true} (Header field 6). Protobuf parsers merge repeated occurrences of an
 * embedded message field (Protocol Buffers encoding guide, "Last One Wins" / merging of embedded
 * messages), so the decoded header keeps its other fields and gains {@code historical}.
 */
public final class HistoricalFlag {

  /**
   * Tag of field 1, wire type 2 (length-delimited) = 0x0A; length 2; tag of field 6, wire type 0
   * (varint) = 0x30; value 1 (true).
   */
  static final byte[] SUFFIX = {0x0A, 0x02, 0x30, 0x01};

  private HistoricalFlag() {}

  /** A copy of {@code message} with the historical flag appended. */
  public static byte[] mark(byte[] message) {
    byte[] out = Arrays.copyOf(message, message.length + SUFFIX.length);
    System.arraycopy(SUFFIX, 0, out, message.length, SUFFIX.length);
    return out;
  }
}
