package io.locolink.simulator.chips;

/** An emulated device at the far end of a serial line. */
public interface SerialDevice {

  /** Bytes the host sent. */
  void receive(byte[] data);

  /** Bytes the device has sent that the host may read now; empty when none. */
  byte[] transmit();

  /** The device's reply delay after a request, nanoseconds (0 for a talker like GNSS). */
  long turnaroundNanos();
}
