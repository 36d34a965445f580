package io.locolink.gateway.trips;

/** A trip log or energy store holds bytes that fail their length or checksum checks. */
public final class TripLogCorruptException extends RuntimeException {

  public TripLogCorruptException(String message) {
    super(message);
  }
}
