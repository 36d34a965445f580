package io.locolink.simulator.scenario;

/** A scenario file could not be read or is invalid; the message names the source and the key. */
public final class ScenarioFormatException extends RuntimeException {

  public ScenarioFormatException(String message) {
    super(message);
  }

  public ScenarioFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
