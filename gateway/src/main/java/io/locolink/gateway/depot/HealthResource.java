package io.locolink.gateway.depot;

import io.locolink.gateway.trips.EnergyStore;
import io.locolink.gateway.trips.TripStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.eclipse.californium.core.server.resources.CoapExchange;

/** {@code /health}: JSON with status, trip count, store sizes and uptime. */
final class HealthResource extends DepotResource {

  record Json(String status, int trips, long tripBytes, long energyBytes, long uptimeS) {}

  private final TripStore trips;
  private final EnergyStore energy;
  private final InstantSource clock;
  private final Instant started;

  HealthResource(TripStore trips, EnergyStore energy, InstantSource clock, int maxRequestBytes) {
    super("health", maxRequestBytes);
    this.trips = trips;
    this.energy = energy;
    this.clock = clock;
    this.started = clock.instant();
  }

  @Override
  public void handleGET(CoapExchange exchange) {
    TripsResource.respondJson(exchange, new Json("ok", trips.list().size(), trips.finishedBytes(), energy.sizeBytes(),
        Duration.between(started, clock.instant()).toSeconds()));
  }
}
