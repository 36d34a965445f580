package io.locolink.gateway.uplink;

/** Where the uplink's connection to the broker stands. */
public enum LinkState {
  /** Trying to connect (first time or after a failure). */
  CONNECTING,
  /** Connected; live data and backlog flow. */
  ONLINE,
  /** Not connected; the next attempt is scheduled (see the event's fault). */
  OFFLINE,
  /** Closed by {@link Uplink#close()}. */
  CLOSED
}
