package io.locolink.gateway.app;

import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.estimation.BatteryEstimator;
import java.nio.file.Path;

/**
 * At shutdown, after acquisition stopped and before the journal closes: stores the energy period
 * in progress (marked incomplete) so no watt-hour of it is lost, and leaves the clean-shutdown
 * marker. Registered with the gateway's resources so it runs in that order.
 */
final class ShutdownFlush implements AutoCloseable {

  private final GatewayPipeline pipeline;
  private final BatteryEstimator estimator;
  private final Path stateDir;
  private volatile Snapshot last;

  ShutdownFlush(GatewayPipeline pipeline, BatteryEstimator estimator, Path stateDir) {
    this.pipeline = pipeline;
    this.estimator = estimator;
    this.stateDir = stateDir;
    pipeline.addListener(state -> last = state.snapshot());
  }

  @Override
  public void close() {
    Snapshot at = last;
    if (at != null) {
      estimator.closePeriod(false).ifPresent(period -> pipeline.writeClosedPeriod(period, at));
    }
    CleanShutdown.leaveMarker(stateDir);
  }
}
