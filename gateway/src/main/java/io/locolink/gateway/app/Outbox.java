package io.locolink.gateway.app;

import io.locolink.gateway.framing.StreamKind;

/**
 * Where the pipeline puts encoded messages: the durable journal on a locomotive, a list in tests.
 * A sequence number is taken before encoding because the header carries it.
 */
public interface Outbox {

  /** The next per-locomotive sequence number, strictly increasing across restarts. */
  long nextSequence();

  /** Stores one encoded message; returns when it is stored per the stream's durability policy. */
  void append(StreamKind kind, long sequence, byte[] payload);
}
