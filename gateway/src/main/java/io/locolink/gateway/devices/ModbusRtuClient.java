package io.locolink.gateway.devices;

import java.time.Duration;

/**
 * A Modbus RTU master for register reads (function 0x03 holding, 0x04 input registers) on one
 * {@link SerialLink}. Frames are checked by length, address, function and CRC. Not thread-safe.
 */
public final class ModbusRtuClient {

  /** Most registers one read may ask for (Modbus Application Protocol V1.1b3, 6.3). */
  public static final int MAX_REGISTERS = 125;

  private final SerialLink link;
  private final Platform platform;
  private final Duration responseTimeout;
  private final byte[] buffer = new byte[5 + 2 * MAX_REGISTERS];

  public ModbusRtuClient(SerialLink link, Platform platform, Duration responseTimeout) {
    this.link = link;
    this.platform = platform;
    this.responseTimeout = responseTimeout;
  }

  /** The request frame for reading {@code count} registers from {@code start}, CRC included. */
  public static byte[] readRequest(int slave, int function, int start, int count) {
    return ModbusCrc.withCrc(new byte[] {(byte) slave, (byte) function, (byte) (start >> 8), (byte) start,
        (byte) (count >> 8), (byte) count});
  }

  /**
   * Reads {@code count} 16-bit registers starting at {@code start}; values are unsigned.
   *
   * @throws BusTimeoutException when the slave stays silent or stops mid-frame
   * @throws FrameCorruptException on a bad CRC, wrong address, function or length
   * @throws BusNackException on a Modbus exception response
   */
  public int[] readRegisters(int slave, int function, int start, int count) throws BusException {
    if (function != 0x03 && function != 0x04) {
      throw new IllegalArgumentException("only functions 0x03 and 0x04 read registers");
    }
    if (count < 1 || count > MAX_REGISTERS) {
      throw new IllegalArgumentException("count must be 1.." + MAX_REGISTERS);
    }
    link.discardInput();
    // 3.5 character times of silence before a frame (11 bits per character, 1.75 ms above 19200 Bd)
    platform.pause(Duration.ofNanos(Math.max(1_750_000L, 38_500_000_000L / link.baud())));
    link.write(readRequest(slave, function, start, count));
    int expected = 5 + 2 * count;
    int got = readAtLeast(3);
    if (got >= 3 && (buffer[1] & 0xFF) == (function | 0x80)) {
      got += readUpTo(got, 5);
      if (got == 5 && ModbusCrc.valid(buffer, 5)) {
        throw new BusNackException(String.format("slave %d: exception 0x%02X for function 0x%02X at %d",
            slave, buffer[2] & 0xFF, function, start));
      }
      throw new FrameCorruptException("slave " + slave + ": garbled exception response");
    }
    got += readUpTo(got, expected);
    if (got < expected) {
      throw new BusTimeoutException("slave " + slave + ": " + got + " of " + expected + " bytes before timeout");
    }
    if (!ModbusCrc.valid(buffer, expected)) {
      throw new FrameCorruptException("slave " + slave + ": CRC error");
    }
    if ((buffer[0] & 0xFF) != slave || (buffer[1] & 0xFF) != function || (buffer[2] & 0xFF) != 2 * count) {
      throw new FrameCorruptException("slave " + slave + ": unexpected address, function or length");
    }
    int[] values = new int[count];
    for (int i = 0; i < count; i++) {
      values[i] = ((buffer[3 + 2 * i] & 0xFF) << 8) | (buffer[4 + 2 * i] & 0xFF);
    }
    return values;
  }

  private int readAtLeast(int wanted) throws BusTimeoutException {
    int got = readUpTo(0, wanted);
    if (got == 0) {
      throw new BusTimeoutException("no response within " + responseTimeout.toMillis() + " ms");
    }
    return got;
  }

  private int readUpTo(int offset, int total) {
    int got = 0;
    while (offset + got < total) {
      int n = link.read(buffer, offset + got, total - offset - got, responseTimeout);
      if (n <= 0) {
        break;
      }
      got += n;
    }
    return got;
  }
}
