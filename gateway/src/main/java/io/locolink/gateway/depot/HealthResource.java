package io.locolink.gateway.depot;

import io.locolink.gateway.archive.EnergyStore;
import io.locolink.gateway.trips.TripStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;

/**
 * {@code /health}: JSON with the overall status, one entry per check (devices, journal, uplink,
 * clock, storage), trip count, store sizes and uptime. The response code is for probes: 2.05
 * Content when every check is ok ({@code "status": "ok"}), 5.03 Service Unavailable with the same
 * JSON when any is not ({@code "status": "degraded"}). The checks are computed on each request.
 */
final class HealthResource extends DepotResource {

  private final TripStore trips;
  private final EnergyStore energy;
  private final InstantSource clock;
  private final Supplier<List<HealthCheck>> checks;
  private final Instant started;

  HealthResource(TripStore trips, EnergyStore energy, InstantSource clock, Supplier<List<HealthCheck>> checks,
      int maxRequestBytes) {
    super("health", maxRequestBytes);
    this.trips = trips;
    this.energy = energy;
    this.clock = clock;
    this.checks = checks;
    this.started = clock.instant();
    getAttributes().setTitle("gateway health; 2.05 when ok, 5.03 when degraded");
  }

  @Override
  public void handleGET(CoapExchange exchange) {
    List<HealthCheck> now = checks.get();
    boolean ok = now.stream().allMatch(HealthCheck::ok);
    byte[] body = DepotJson.health(ok ? "ok" : "degraded", now, trips.list().size(), trips.finishedBytes(),
        energy.sizeBytes(), Duration.between(started, clock.instant()).toSeconds());
    exchange.respond(ok ? ResponseCode.CONTENT : ResponseCode.SERVICE_UNAVAILABLE, body,
        MediaTypeRegistry.APPLICATION_JSON);
  }
}
