package io.locolink.gateway.uplink;

import java.time.Instant;
import java.util.Optional;

/**
 * A change of the link.
 *
 * @param state the new state
 * @param fault why the link is down, when it is
 * @param detail a human-readable explanation (never contains secrets)
 * @param at when it happened (uplink clock)
 */
public record LinkEvent(LinkState state, Optional<LinkFault> fault, String detail, Instant at) {

  static LinkEvent of(LinkState state, String detail, Instant at) {
    return new LinkEvent(state, Optional.empty(), detail, at);
  }

  static LinkEvent down(LinkFault fault, String detail, Instant at) {
    return new LinkEvent(LinkState.OFFLINE, Optional.of(fault), detail, at);
  }
}
