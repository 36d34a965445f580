package io.locolink.gateway.framing;

import java.util.List;
import java.util.Objects;

/**
 * The depot server's figures for the status message (proto {@code Status} fields 20-25), as plain
 * values so that framing depends on no depot code; the wiring fills them from the depot server.
 *
 * @param state where the server stands
 * @param address IP literal of the bound DTLS endpoint; empty unless serving
 * @param port its UDP port; 0 unless serving
 * @param identities PSK identities it accepts (never keys)
 * @param error why it is not serving; empty while serving
 * @param failures failed start attempts since it last served
 */
public record DepotAnnouncement(State state, String address, int port, List<String> identities, String error,
    int failures) {

  /** Proto {@code DepotServerState}. */
  public enum State {
    DISABLED,
    SERVING,
    RETRYING
  }

  public DepotAnnouncement {
    Objects.requireNonNull(state, "state");
    identities = List.copyOf(identities);
  }

  /** A gateway without a depot server. */
  public static DepotAnnouncement disabled() {
    return new DepotAnnouncement(State.DISABLED, "", 0, List.of(), "", 0);
  }
}
