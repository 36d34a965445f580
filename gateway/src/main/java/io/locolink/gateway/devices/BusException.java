package io.locolink.gateway.devices;

/**
 * A bus transaction with a device failed. The subclass says how, so acquisition can flag the
 * sample with the matching quality: no answer ({@link BusNackException}), too late
 * ({@link BusTimeoutException}) or garbled ({@link FrameCorruptException}).
 */
public abstract sealed class BusException extends Exception
    permits BusNackException, BusTimeoutException, FrameCorruptException, SensorFaultException {

  protected BusException(String message, Throwable cause) {
    super(message, cause);
  }
}
