package io.locolink.gateway.journal;

import io.locolink.gateway.framing.StreamKind;
import java.time.Instant;

/**
 * One stored record as the uplink reads it.
 *
 * @param kind the stream it belongs to
 * @param sequence the sequence number it was appended with
 * @param appendedAt when it was appended (UTC, from the journal's clock)
 * @param payload the bytes exactly as appended (the caller must not modify them)
 */
public record JournalRecord(StreamKind kind, long sequence, Instant appendedAt, byte[] payload) {}
