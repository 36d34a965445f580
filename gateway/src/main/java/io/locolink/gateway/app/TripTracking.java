package io.locolink.gateway.app;

import io.locolink.gateway.estimation.BatteryEstimator;
import io.locolink.gateway.framing.StreamKind;
import io.locolink.gateway.trips.CycleRecords;
import io.locolink.gateway.trips.TripRecorder;

/**
 * Hands each cycle to the trip recorder, once, and journals the summary when a trip ends. When a
 * trip begins it restarts the estimator's trip counters, which the telemetry frames carry, and when
 * it ends it stops them, so the frames between two trips carry the figures of the one that ended,
 * the same as its summary (which takes its energy from the estimator's cumulative registers). Runs
 * on the acquisition thread.
 */
final class TripTracking implements GatewayPipeline.RecordHandler {

  private final TripRecorder trips;
  private final BatteryEstimator estimator;
  private final Outbox outbox;
  private boolean inTrip;

  TripTracking(TripRecorder trips, BatteryEstimator estimator, Outbox outbox) {
    this.trips = trips;
    this.estimator = estimator;
    this.outbox = outbox;
    this.inTrip = trips.currentTrip().isPresent();
  }

  @Override
  public void handle(CycleRecords cycle) {
    trips.onCycle(cycle).ifPresent(trip -> outbox.append(StreamKind.TRIP, trip.sequence(), trip.summaryBytes()));
    boolean now = trips.currentTrip().isPresent();
    if (now && !inTrip) {
      estimator.startTrip();
    } else if (!now && inTrip) {
      estimator.endTrip();
    }
    inTrip = now;
  }
}
