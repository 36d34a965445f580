package io.locolink.ground.collect;

/** A depot request failed: no answer, a failed DTLS handshake, an error code, or a changed log. */
public final class DepotTransferException extends RuntimeException {

  public DepotTransferException(String message) {
    super(message);
  }

  public DepotTransferException(String message, Throwable cause) {
    super(message, cause);
  }
}
