package io.locolink.gateway.depot;

import io.locolink.gateway.trips.TripId;
import io.locolink.gateway.trips.TripInfo;
import io.locolink.gateway.trips.TripStore;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.core.server.resources.Resource;

/**
 * {@code /trips}: the list of finished trips as JSON (content-format 50), and the parent of
 * {@code /trips/ID}, {@code /trips/ID/summary}, {@code /trips/ID/log} and
 * {@code /trips/ID/collected}. A path segment becomes a trip only if it has the strict id shape
 * (else 4.00) and is in the store's index (else 4.04); it is never used as a file name. Every
 * trip's resources appear in {@code /.well-known/core}.
 */
final class TripsResource extends DepotResource {

  private final TripStore store;
  private final RejectResource reject;
  private final Collection collection;

  /** What an acknowledgement does: when, and whether a collected trip is deleted at once. */
  record Collection(InstantSource clock, boolean deleteAtOnce) {}

  TripsResource(TripStore store, int maxRequestBytes, Collection collection) {
    super("trips", maxRequestBytes);
    this.store = store;
    this.reject = new RejectResource(maxRequestBytes);
    this.collection = collection;
    getAttributes().setTitle("finished trips");
    getAttributes().addContentType(MediaTypeRegistry.APPLICATION_JSON);
  }

  @Override
  public void handleGET(CoapExchange exchange) {
    respondJson(exchange, DepotJson.tripList(store.list(), t -> store.collectedAt(t.id()).isPresent()));
  }

  /** Every finished trip, so that {@code /.well-known/core} names each trip's resources. */
  @Override
  public java.util.Collection<Resource> getChildren() {
    List<Resource> children = new ArrayList<>();
    for (TripInfo trip : store.list()) {
      children.add(child(trip));
    }
    return children;
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
    return child(trip.get());
  }

  private TripResource child(TripInfo trip) {
    TripResource child = new TripResource(trip, store, maxRequestBytes(), collection);
    child.setParent(this);
    return child;
  }

  static void respondJson(CoapExchange exchange, byte[] body) {
    exchange.respond(ResponseCode.CONTENT, body, MediaTypeRegistry.APPLICATION_JSON);
  }
}
