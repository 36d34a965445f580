package io.locolink.ground.collect;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * A locomotive's depot server as its retained status announces it (proto {@code Status} fields
 * 20-23, while {@code DEPOT_SERVING}).
 *
 * @param locomotive the locomotive id
 * @param address IP literal of the DTLS endpoint
 * @param port its UDP port
 * @param identities the PSK identities it accepts
 */
public record DepotEndpoint(String locomotive, String address, int port, List<String> identities) {

  public DepotEndpoint {
    Objects.requireNonNull(locomotive, "locomotive");
    Objects.requireNonNull(address, "address");
    identities = List.copyOf(identities);
  }

  /** {@code coaps://ADDRESS:PORT}, IPv6 literals in brackets. */
  public URI uri() {
    return URI.create("coaps://" + (address.contains(":") ? "[" + address + "]" : address) + ":" + port);
  }
}
