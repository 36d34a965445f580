package io.locolink.gateway.depot;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the depot server stands, for the retained status and {@code /health}.
 *
 * @param phase disabled, serving or retrying (also before the first start attempt: see {@link #notStarted})
 * @param address IP literal of the bound DTLS endpoint; empty unless serving
 * @param port bound UDP port of the DTLS endpoint; 0 unless serving
 * @param identities PSK identities the server accepts (never keys); empty unless serving
 * @param error why the last start attempt failed; empty while serving
 * @param failures failed start attempts since the server last served
 * @param nextAttempt when the next start attempt is due, while retrying
 */
public record DepotState(Phase phase, String address, int port, List<String> identities, Optional<String> error,
    int failures, Optional<Instant> nextAttempt) {

  /** The depot server's phase. */
  public enum Phase {
    /** {@code depot.enabled} is false. */
    DISABLED,
    /** Bound and answering. */
    SERVING,
    /** Not serving; the next start attempt is scheduled. */
    RETRYING
  }

  public DepotState {
    identities = List.copyOf(identities);
  }

  /** The state of a gateway configured without a depot server. */
  public static DepotState disabled() {
    return new DepotState(Phase.DISABLED, "", 0, List.of(), Optional.empty(), 0, Optional.empty());
  }

  /**
   * A depot server whose first start attempt is still to come (the gateway starts it after its first
   * telemetry frame): not serving, no failure yet, the attempt due at the latest at {@code latestAttempt}.
   * Announced as retrying, since the wire knows no other phase for "not serving yet".
   */
  public static DepotState notStarted(Instant latestAttempt) {
    return new DepotState(Phase.RETRYING, "", 0, List.of(), Optional.empty(), 0, Optional.of(latestAttempt));
  }

  static DepotState serving(String address, int port, List<String> identities) {
    return new DepotState(Phase.SERVING, address, port, identities, Optional.empty(), 0, Optional.empty());
  }

  static DepotState retrying(String error, int failures, Instant nextAttempt) {
    return new DepotState(Phase.RETRYING, "", 0, List.of(), Optional.of(error), failures, Optional.of(nextAttempt));
  }
}
