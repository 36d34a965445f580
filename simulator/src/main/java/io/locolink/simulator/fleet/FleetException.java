package io.locolink.simulator.fleet;

/** Fleet mode could not connect, publish or subscribe; the message says to which broker and why. */
public final class FleetException extends RuntimeException {

  public FleetException(String message, Throwable cause) {
    super(message, cause);
  }
}
