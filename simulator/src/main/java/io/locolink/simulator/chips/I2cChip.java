package io.locolink.simulator.chips;

/** An emulated I2C chip's register interface, as the bus master sees it. */
public interface I2cChip {

  /** Reads {@code length} bytes from {@code register} on (big-endian as the chip sends them). */
  void read(int register, byte[] buffer, int offset, int length);

  /** Writes {@code length} bytes to {@code register}. */
  void write(int register, byte[] data, int offset, int length);
}
