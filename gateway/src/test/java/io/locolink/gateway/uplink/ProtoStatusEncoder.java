package io.locolink.gateway.uplink;

import io.locolink.gateway.framing.StatusCodec;
import java.time.Instant;
import java.util.List;

/** The gateway's own status codec as the uplink tests use it: no devices, a fixed version. */
final class ProtoStatusEncoder {

  private ProtoStatusEncoder() {}

  static StatusEncoder of(String loco, long bootId) {
    return new StatusCodec(loco, bootId, "test", Instant.now(), List::of)::encode;
  }
}
