package io.locolink.gateway.devices;

/**
 * The device answered and says its sensor is bad (open or shorted RTD, no GNSS fix). The device
 * itself is online; the sample is invalid.
 */
public final class SensorFaultException extends BusException {

  public SensorFaultException(String message) {
    super(message, null);
  }
}
