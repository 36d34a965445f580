package io.locolink.gateway.trips;

import io.locolink.gateway.framing.HeaderFields;
import java.time.Instant;

/**
 * Supplies the message header (locomotive id, boot id, persistent sequence, clock quality) for a
 * trip summary. The gateway's framing owns the sequence; tests pass a simple lambda. Called on the
 * recorder's thread.
 */
@FunctionalInterface
public interface SummaryHeaders {

  /** The header for a summary whose span starts at {@code start}. */
  HeaderFields header(Instant start);
}
