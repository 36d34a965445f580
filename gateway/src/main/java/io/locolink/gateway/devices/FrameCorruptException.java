package io.locolink.gateway.devices;

/** The device answered, but the answer failed its check (CRC, NMEA checksum, framing). */
public final class FrameCorruptException extends BusException {

  public FrameCorruptException(String message) {
    super(message, null);
  }
}
