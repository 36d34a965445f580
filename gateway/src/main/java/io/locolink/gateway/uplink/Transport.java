package io.locolink.gateway.uplink;

/**
 * How the send policy reaches the other side: opens one session at a time. Implementations:
 * {@link PahoConnector} (MQTT 3.1.1 over Paho), {@link Paho5Connector} (MQTT 5) and {@link InProcessTransport} (a consumer in the same
 * process). {@link #open} is called by the policy's link thread only; {@link #abort()} by any thread.
 */
interface Transport {

  /** Where the transport sends, for logs and link events (a broker url, or "in process"); never a secret. */
  String target();

  /**
   * Opens a session; blocks until it is up or failed (at most {@link #maxOpenMs()}).
   *
   * @param willPayload the encoded offline Status the other side keeps if the session dies
   * @param wake called from the transport's threads when an acknowledgement or a loss arrives
   * @throws ConnectFailure with the fault classified and every thread of the attempt stopped
   */
  Session open(byte[] willPayload, Runnable wake) throws ConnectFailure;

  /** The longest {@link #open} blocks, milliseconds. */
  long maxOpenMs();

  /** Makes an open in progress fail now and every later one fail at once; a session already open is left alone. */
  void abort();
}
