package io.locolink.gateway.depot;

/** A pre-shared key file is missing, readable by others, or malformed. The message never holds a key. */
public final class KeyFileException extends RuntimeException {

  public KeyFileException(String message) {
    super(message);
  }
}
