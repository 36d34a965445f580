package io.locolink.simulator.fleet;

import io.locolink.gateway.acquisition.SnapshotSource;
import io.locolink.gateway.app.GatewayPipeline;
import io.locolink.gateway.app.Outbox;
import io.locolink.gateway.config.EstimationConfig;
import io.locolink.gateway.config.FramingConfig;
import io.locolink.gateway.estimation.BatteryEstimator;
import io.locolink.gateway.estimation.PackTopology;
import io.locolink.gateway.framing.StreamKind;
import io.locolink.simulator.physics.LocomotiveState;
import io.locolink.simulator.physics.PackSpec;
import io.locolink.simulator.physics.VehicleSpec;
import java.time.InstantSource;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One simulated locomotive running the real gateway pipeline: a {@link SnapshotSource} (emulated
 * chips or the state directly), the {@link BatteryEstimator}, the telemetry, energy-record and
 * alarm encoders inside {@link GatewayPipeline}, and an {@link MqttOutbox} on its own Paho client.
 * One sample per frame (1 Hz, 1 s frames) so each locomotive sends one telemetry frame a second.
 * {@link #publish} is called from one thread at a time.
 */
final class GatewayLocomotive implements LocomotivePublisher {

  /** 1 Hz acquisition, 1 s frames: one sample per frame. */
  static final FramingConfig FRAMING = new FramingConfig(1, 1000);

  private final PahoPublisher client;
  private final MqttOutbox outbox;
  private final SnapshotSource source;
  private final GatewayPipeline pipeline;
  private volatile LocomotiveState latest;

  /**
   * @param locomotiveId used in the topics, the headers and as the energy records' consumption point
   * @param seed gives the boot id and the chips' noise
   * @param initial the state before the first cycle
   * @param vehicle the locomotive (pack topology and rating, drives, genset)
   * @param acquisition how the gateway reads the state
   * @param utc the gateway's UTC clock
   * @param client the locomotive's broker client, owned from here on
   */
  GatewayLocomotive(String locomotiveId, long seed, LocomotiveState initial, VehicleSpec vehicle,
      Acquisition acquisition, InstantSource utc, PahoPublisher client) {
    this.latest = initial;
    this.client = client;
    this.outbox = new MqttOutbox(locomotiveId, client);
    this.source = acquisition.open(() -> latest, vehicle, utc, seed);
    long bootId = new SplittableRandom(seed).nextLong();
    this.pipeline = new GatewayPipeline(locomotiveId, bootId, source, estimator(locomotiveId, vehicle), outbox, FRAMING);
  }

  /** The gateway's estimator for this vehicle, configured with the pack's rated capacity as from its nameplate. */
  static BatteryEstimator estimator(String locomotiveId, VehicleSpec vehicle) {
    PackSpec pack = vehicle.pack();
    EstimationConfig estimation = new EstimationConfig(locomotiveId, pack.ratedPackAh(), null, null, null, null,
        null, null, null, null);
    return BatteryEstimator.create(estimation, new PackTopology(pack.seriesCells(), pack.parallelStrings()));
  }

  /**
   * Size of the telemetry frame a gateway would send for this state, bytes: one cycle of a
   * pipeline on the direct source with an outbox that only measures.
   */
  static int frameBytes(String locomotiveId, LocomotiveState state, VehicleSpec vehicle, InstantSource utc) {
    int[] size = new int[1];
    Outbox measure = new Outbox() {
      private long sequence;

      @Override
      public long nextSequence() {
        return ++sequence;
      }

      @Override
      public void append(StreamKind kind, long sequence, byte[] payload) {
        if (kind == StreamKind.TELEMETRY) {
          size[0] = payload.length;
        }
      }
    };
    try (StateSnapshotSource source = new StateSnapshotSource(() -> state, utc)) {
      new GatewayPipeline(locomotiveId, 1, source, estimator(locomotiveId, vehicle), measure, FRAMING).tick();
    }
    return size[0];
  }

  @Override
  public void connect() {
    client.connect();
  }

  @Override
  public void publish(LocomotiveState state) {
    latest = state;
    pipeline.tick();
  }

  @Override
  public Map<StreamKind, Long> published() {
    return outbox.appended();
  }

  @Override
  public long acknowledged() {
    return client.acknowledged();
  }

  @Override
  public long refused() {
    return client.refused();
  }

  @Override
  public void close() {
    client.close();
    source.close();
  }
}
