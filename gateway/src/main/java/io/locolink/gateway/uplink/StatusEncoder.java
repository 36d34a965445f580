package io.locolink.gateway.uplink;

import io.locolink.gateway.framing.StatusReport;

/**
 * Builds the retained status message (proto {@code locolink.v1.Status}) from the uplink's view;
 * supplied by the wiring (usually {@code StatusCodec::encode}), which adds the header, software
 * version and device health. Called on
 * the uplink's thread at every connect (for the online status and the last will), periodically
 * while online, and at close.
 */
@FunctionalInterface
public interface StatusEncoder {

  /** The encoded Status message for {@code report}. Must not block for long. */
  byte[] encode(StatusReport report);
}
