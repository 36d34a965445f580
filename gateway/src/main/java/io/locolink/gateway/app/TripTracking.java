package io.locolink.gateway.app;

import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.estimation.BatteryEstimator;
import io.locolink.gateway.estimation.Estimates;
import io.locolink.gateway.framing.StreamKind;
import io.locolink.gateway.trips.TripRecorder;

/**
 * Feeds each cycle to the trip recorder, restarts the estimator's trip counters when a trip begins,
 * and journals the summary when one ends. Runs on the acquisition thread.
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
  public void handle(Snapshot snapshot, Estimates estimates) {
    trips.onSnapshot(snapshot, estimates)
        .ifPresent(trip -> outbox.append(StreamKind.TRIP, trip.sequence(), trip.summaryBytes()));
    boolean now = trips.currentTrip().isPresent();
    if (now && !inTrip) {
      estimator.startTrip();
    }
    inTrip = now;
  }
}
