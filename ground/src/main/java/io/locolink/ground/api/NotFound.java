package io.locolink.ground.api;

/** The thing a request names (a locomotive, a trip) does not exist; answered with 404 and the message. */
public final class NotFound extends RuntimeException {

  public NotFound(String message) {
    super(message);
  }
}
