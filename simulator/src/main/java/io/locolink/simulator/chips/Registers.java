package io.locolink.simulator.chips;

/** Big-endian packing helpers for emulated register files. */
final class Registers {

  private Registers() {}

  /** Puts the low {@code bytes} bytes of {@code value} into {@code buffer}, most significant first. */
  static void put(long value, int bytes, byte[] buffer, int offset, int length) {
    for (int i = 0; i < Math.min(bytes, length); i++) {
      buffer[offset + i] = (byte) (value >>> (8 * (bytes - 1 - i)));
    }
  }

  static int u16(byte[] data, int offset) {
    return ((data[offset] & 0xFF) << 8) | (data[offset + 1] & 0xFF);
  }

  static long clamp(long value, long min, long max) {
    return Math.max(min, Math.min(max, value));
  }
}
