package io.locolink.gateway.framing;

/** Bytes that were meant to be a LocoLink message are not one. */
public final class MalformedMessageException extends RuntimeException {

  public MalformedMessageException(String message, Throwable cause) {
    super(message, cause);
  }
}
