package io.locolink.gateway.app;

/** The outbox could not store a message: the disk under the journal failed. */
public final class OutboxFailedException extends RuntimeException {

  public OutboxFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
