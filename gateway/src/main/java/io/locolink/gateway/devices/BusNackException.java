package io.locolink.gateway.devices;

/** The device did not acknowledge (I2C NACK, SPI fault bit, Modbus exception response). */
public final class BusNackException extends BusException {

  public BusNackException(String message) {
    super(message, null);
  }

  public BusNackException(String message, Throwable cause) {
    super(message, cause);
  }
}
