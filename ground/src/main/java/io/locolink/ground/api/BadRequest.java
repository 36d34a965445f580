package io.locolink.ground.api;

/** A request parameter is missing or wrong; answered with 400 and the message. */
public final class BadRequest extends RuntimeException {

  public BadRequest(String message) {
    super(message);
  }
}
