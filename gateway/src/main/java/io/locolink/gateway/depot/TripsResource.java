package io.locolink.gateway.depot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.locolink.gateway.trips.TripId;
import io.locolink.gateway.trips.TripInfo;
import io.locolink.gateway.trips.TripStore;
import java.util.List;
import java.util.Optional;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.core.server.resources.Resource;

/**
 * {@code /trips}: the list of finished trips as JSON (content-format 50), and the parent of
 * {@code /trips/ID}, {@code /trips/ID/summary} and {@code /trips/ID/log}. A path segment becomes a
 * trip only if it has the strict id shape (else 4.00) and is in the store's index (else 4.04); it
 * is never used as a file name.
 */
final class TripsResource extends DepotResource {

  /** One trip in the JSON list; times are ISO-8601 UTC. */
  record Listing(String id, String start, String end, long sizeBytes, String sha256) {
    static Listing of(TripInfo t) {
      return new Listing(t.id().value(), t.start().toString(), t.end().toString(), t.sizeBytes(), t.sha256Hex());
    }
  }

  static final ObjectMapper JSON = new ObjectMapper();

  private final TripStore store;
  private final RejectResource reject;

  TripsResource(TripStore store, int maxRequestBytes) {
    super("trips", maxRequestBytes);
    this.store = store;
    this.reject = new RejectResource(maxRequestBytes);
    getAttributes().setTitle("finished trips");
  }

  @Override
  public void handleGET(CoapExchange exchange) {
    List<Listing> list = store.list().stream().map(Listing::of).toList();
    respondJson(exchange, list);
  }

  @Override
  public Resource getChild(String name) {
    if (!TripId.isValid(name)) {
      return reject;
    }
    Optional<TripInfo> trip = store.find(name);
    if (trip.isEmpty()) {
      return null;
    }
    TripResource child = new TripResource(trip.get(), store, maxRequestBytes());
    child.setParent(this);
    return child;
  }

  static void respondJson(CoapExchange exchange, Object body) {
    try {
      exchange.respond(ResponseCode.CONTENT, JSON.writeValueAsBytes(body), MediaTypeRegistry.APPLICATION_JSON);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      exchange.respond(ResponseCode.INTERNAL_SERVER_ERROR, "cannot encode response");
    }
  }
}
