package io.locolink.simulator.fleet;

import io.locolink.gateway.acquisition.SnapshotSource;
import io.locolink.gateway.app.GatewayPipeline;
import io.locolink.gateway.app.Outbox;
import io.locolink.gateway.config.EstimationConfig;
import io.locolink.gateway.config.FramingConfig;
import io.locolink.gateway.estimation.BatteryEstimator;
import io.locolink.gateway.estimation.PackTopology;
import io.locolink.simulator.physics.PackSpec;
import io.locolink.simulator.physics.VehicleSpec;

/**
 * The gateway pipeline a fleet locomotive runs: the battery estimator configured for its vehicle,
 * the encoders, one sample per 1 s frame at 1 Hz. The fleet and its benchmarks build it here only.
 */
public final class LocomotivePipeline {

  /** 1 Hz acquisition, 1 s frames: one sample per frame. */
  static final FramingConfig FRAMING = new FramingConfig(1, 1000);

  private LocomotivePipeline() {}

  /**
   * A pipeline reading {@code source} and appending to {@code outbox}; each {@link
   * GatewayPipeline#tick} is one gateway cycle (one telemetry frame).
   *
   * @param locomotiveId in the headers and the energy records' consumption point
   * @param bootId in the headers
   * @param vehicle gives the estimator's pack topology and rated capacity
   */
  public static GatewayPipeline create(String locomotiveId, long bootId, SnapshotSource source, VehicleSpec vehicle,
      Outbox outbox) {
    return new GatewayPipeline(locomotiveId, bootId, source, estimator(locomotiveId, vehicle), outbox, FRAMING);
  }

  /** The gateway's estimator for this vehicle, configured with the pack's rated capacity as from its nameplate. */
  private static BatteryEstimator estimator(String locomotiveId, VehicleSpec vehicle) {
    PackSpec pack = vehicle.pack();
    EstimationConfig estimation = new EstimationConfig(locomotiveId, pack.ratedPackAh(), null, null, null, null,
        null, null, null, null);
    return BatteryEstimator.create(estimation, new PackTopology(pack.seriesCells(), pack.parallelStrings()));
  }
}
