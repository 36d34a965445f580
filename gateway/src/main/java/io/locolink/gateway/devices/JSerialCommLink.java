package io.locolink.gateway.devices;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.time.Duration;

/** A {@link SerialLink} on a real port (UART or USB–RS-485 adapter) through jSerialComm, 8N1. */
final class JSerialCommLink implements SerialLink {

  private final SerialPort port;
  private final int baud;

  private JSerialCommLink(SerialPort port, int baud) {
    this.port = port;
    this.baud = baud;
  }

  /**
   * Opens {@code device} at {@code baud}, 8 data bits, no parity, one stop bit.
   *
   * @throws BusNackException if the device does not exist or cannot be opened
   */
  static JSerialCommLink open(String device, int baud) throws BusNackException {
    SerialPort port;
    try {
      port = SerialPort.getCommPort(device);
    } catch (SerialPortInvalidPortException e) {
      throw new BusNackException("no serial port " + device, e);
    }
    port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
    if (!port.openPort()) {
      throw new BusNackException("cannot open serial port " + device);
    }
    return new JSerialCommLink(port, baud);
  }

  @Override
  public int baud() {
    return baud;
  }

  @Override
  public void write(byte[] data) throws BusTimeoutException {
    int written = port.writeBytes(data, data.length);
    if (written != data.length) {
      throw new BusTimeoutException("serial write wrote " + written + " of " + data.length + " bytes");
    }
  }

  @Override
  public int read(byte[] buffer, int offset, int length, Duration timeout) {
    if (timeout.isZero()) {
      port.setComPortTimeouts(SerialPort.TIMEOUT_NONBLOCKING, 0, 0);
    } else {
      int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
      port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, millis, 0);
    }
    int read = port.readBytes(buffer, length, offset);
    return Math.max(0, read);
  }

  @Override
  public void discardInput() {
    int available = port.bytesAvailable();
    if (available > 0) {
      byte[] sink = new byte[available];
      port.readBytes(sink, available);
    }
  }

  @Override
  public void close() {
    port.closePort();
  }
}
