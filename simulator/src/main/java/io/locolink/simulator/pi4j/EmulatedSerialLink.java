package io.locolink.simulator.pi4j;

import io.locolink.gateway.devices.SerialLink;
import io.locolink.simulator.chips.SerialDevice;
import java.time.Duration;

/**
 * A {@link SerialLink} to an emulated device, in process. Writing hands the bytes to the device;
 * reading takes what it sent. Time is not slept but charged to the {@link EmulatedBusClock}:
 * 10 bits per byte at the line speed, the device's turnaround, and the full timeout when the
 * device stays silent. Not thread-safe, like a real port.
 */
final class EmulatedSerialLink implements SerialLink {

  private final SerialDevice device;
  private final int baud;
  private final EmulatedBusClock clock;
  private byte[] inbound = new byte[0];
  private int position;
  private boolean awaitingReply;

  EmulatedSerialLink(SerialDevice device, int baud, EmulatedBusClock clock) {
    this.device = device;
    this.baud = baud;
    this.clock = clock;
  }

  private long byteNanos(int bytes) {
    return bytes * 10_000_000_000L / baud;
  }

  @Override
  public int baud() {
    return baud;
  }

  @Override
  public void write(byte[] data) {
    clock.advance(byteNanos(data.length));
    device.receive(data.clone());
    awaitingReply = true;
  }

  @Override
  public int read(byte[] buffer, int offset, int length, Duration timeout) {
    if (position >= inbound.length) {
      inbound = device.transmit();
      position = 0;
      if (inbound.length > 0 && awaitingReply) {
        clock.advance(device.turnaroundNanos());
      }
      awaitingReply = false;
    }
    int available = inbound.length - position;
    if (available == 0) {
      clock.advance(timeout.toNanos());
      return 0;
    }
    int n = Math.min(length, available);
    System.arraycopy(inbound, position, buffer, offset, n);
    position += n;
    if (device.turnaroundNanos() > 0) {
      clock.advance(byteNanos(n)); // a polled device's reply is waited for; a talker's bytes are already buffered
    }
    return n;
  }

  @Override
  public void discardInput() {
    position = inbound.length;
  }

  @Override
  public void close() {
    inbound = new byte[0];
    position = 0;
  }
}
