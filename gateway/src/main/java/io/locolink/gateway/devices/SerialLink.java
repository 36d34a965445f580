package io.locolink.gateway.devices;

import java.time.Duration;

/**
 * A byte stream to one serial device (RS-485 adapter, GNSS receiver). Pi4J 3's serial API is
 * deprecated and does not work on a Pi 5, so real ports go through jSerialComm and the simulator
 * serves an in-process implementation. Not thread-safe: one driver owns one link.
 */
public interface SerialLink extends AutoCloseable {

  /** The configured line speed, bits per second. */
  int baud();

  /** Writes all of {@code data}; blocks until it is handed to the port. */
  void write(byte[] data) throws BusTimeoutException;

  /**
   * Reads up to {@code length} bytes into {@code buffer}, waiting at most {@code timeout} for the
   * first byte ({@link Duration#ZERO}: do not wait). Returns the number of bytes read, 0 when
   * nothing arrived in time.
   */
  int read(byte[] buffer, int offset, int length, Duration timeout);

  /** Discards whatever the device sent and nobody read yet. */
  void discardInput();

  @Override
  void close();
}
