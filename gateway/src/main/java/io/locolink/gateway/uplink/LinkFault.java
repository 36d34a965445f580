package io.locolink.gateway.uplink;

/** Why the link is down, sorted by what an operator has to do about it. */
public enum LinkFault {
  /** No answer at the broker's address (network, DNS, broker down): waits and retries. */
  UNREACHABLE,
  /** TLS failed: the broker's certificate is not trusted by the configured CA, or the handshake failed. */
  TLS_REJECTED,
  /** The broker refused the credentials or the client identity. */
  AUTH_REFUSED,
  /** An established connection dropped. */
  CONNECTION_LOST,
  /** Anything else the broker or client reported. */
  OTHER
}
