package io.locolink.gateway.app;

import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.estimation.BatteryEstimator;
import io.locolink.gateway.storage.FileIo;
import java.nio.file.Path;

/**
 * The energy period in progress across a clean stop. At start: takes over the period the last
 * clean stop kept ({@link SuspendedPeriodFile}), and deletes the file once the first cycle has
 * continued or stored it. At shutdown, after acquisition stopped and before the journal closes:
 * keeps the period in progress in the state directory (so no watt-hour of it is lost and the next
 * start closes it exactly once) and leaves the clean-shutdown marker. Registered with the gateway's
 * resources so it runs in that order.
 */
final class ShutdownFlush implements AutoCloseable {

  private final BatteryEstimator estimator;
  private final Path stateDir;
  private final SuspendedPeriodFile kept;
  private final String locomotiveId;
  private volatile Snapshot last;

  /** Hands the period the last clean stop kept, if any, to {@code estimator}: call before the first cycle. */
  ShutdownFlush(GatewayPipeline pipeline, BatteryEstimator estimator, Path stateDir, String locomotiveId) {
    this.estimator = estimator;
    this.stateDir = stateDir;
    this.locomotiveId = locomotiveId;
    this.kept = new SuspendedPeriodFile(stateDir, FileIo.SYSTEM);
    boolean taking = kept.load().map(period -> {
      estimator.resumePeriod(period);
      return true;
    }).orElse(false);
    pipeline.addListener(state -> {
      if (last == null && taking) {
        kept.taken();
      }
      last = state.snapshot();
    });
  }

  @Override
  public void close() {
    if (last != null) {
      estimator.suspendPeriod().ifPresent(period -> kept.save(period, locomotiveId));
    }
    CleanShutdown.leaveMarker(stateDir);
  }
}
