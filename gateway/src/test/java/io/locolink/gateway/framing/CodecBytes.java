package io.locolink.gateway.framing;

import io.locolink.proto.v1.ClockQuality;
import io.locolink.proto.v1.Header;
import java.io.ByteArrayOutputStream;

/** Helpers for tests that compare encoded messages with hand-written bytes. */
final class CodecBytes {

  private CodecBytes() {}

  /** locomotive_id "L1", boot_id 1, sequence 7, time 1000 ms, clock synced. */
  static Header header() {
    return Header.newBuilder()
        .setLocomotiveId("L1")
        .setBootId(1)
        .setSequence(7)
        .setTimeUnixMs(1000)
        .setClockQuality(ClockQuality.CLOCK_SYNCED)
        .build();
  }

  /** The 20 bytes of {@link #header()}. */
  static final int[] HEADER = {
    0x0A, 0x02, 'L', '1', // 1 locomotive_id: LEN 2 "L1"
    0x11, 1, 0, 0, 0, 0, 0, 0, 0, // 2 boot_id: fixed64 1, little-endian
    0x18, 0x07, // 3 sequence: varint 7
    0x20, 0xE8, 0x07, // 4 time_unix_ms: varint 1000
    0x28, 0x01, // 5 clock_quality: CLOCK_SYNCED = 1
  };

  static byte[] bytes(int[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int[] part : parts) {
      for (int b : part) {
        out.write(b);
      }
    }
    return out.toByteArray();
  }

  static String hex(byte[] bytes) {
    StringBuilder s = new StringBuilder();
    for (byte b : bytes) {
      s.append(String.format("%02X ", b & 0xFF));
    }
    return s.toString().trim();
  }
}
