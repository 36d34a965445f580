package io.locolink.gateway.devices;

/** The device did not answer within its deadline (serial silence, conversion never finished). */
public final class BusTimeoutException extends BusException {

  public BusTimeoutException(String message) {
    super(message, null);
  }
}
