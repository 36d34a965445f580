package io.locolink.simulator.groundtruth;

import io.locolink.gateway.acquisition.DeviceAcquisition;
import io.locolink.gateway.acquisition.DeviceHealth;
import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.config.DevicesConfig;
import io.locolink.gateway.config.EstimationConfig;
import io.locolink.gateway.estimation.BatteryEstimator;
import io.locolink.gateway.estimation.Estimates;
import io.locolink.gateway.estimation.PackTopology;
import io.locolink.gateway.framing.DecodedFrame;
import io.locolink.gateway.framing.HeaderFields;
import io.locolink.gateway.framing.TelemetryFrameDecoder;
import io.locolink.gateway.framing.TelemetryFrameEncoder;
import io.locolink.simulator.faults.FaultInjector;
import io.locolink.simulator.faults.FaultPlan;
import io.locolink.simulator.physics.LocomotiveState;
import io.locolink.simulator.physics.PackSpec;
import io.locolink.simulator.physics.VehicleSpec;
import io.locolink.simulator.pi4j.SimulatedPlatform;
import io.locolink.simulator.scenario.Scenario;
import io.locolink.simulator.scenario.ScenarioRunner;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The whole gateway chain on a simulated locomotive: a {@link ScenarioRunner} is the ground
 * truth; its state feeds the emulated chips of a {@link SimulatedPlatform}; the gateway's real
 * drivers read them through {@link DeviceAcquisition}; a {@link BatteryEstimator} folds the
 * snapshots in. The gateway's clocks (UTC and monotonic) are the runner's simulated time, so a
 * simulated day costs no wall time beyond the computation. Single-threaded; not thread-safe.
 */
final class GroundTruthRig implements AutoCloseable {

  /** Seed of the emulated chips' measurement noise. */
  private static final long CHIP_SEED = 20261125L;

  final ScenarioRunner runner;
  final DevicesConfig devices;
  final PackTopology topology;
  final SimulatedPlatform platform;
  final DeviceAcquisition acquisition;
  final BatteryEstimator estimator;

  /**
   * @param scenario what the locomotive does
   * @param faultSpecs faults to inject, in the scenario's simulated time ({@code ""} for none)
   */
  GroundTruthRig(Scenario scenario, String faultSpecs) {
    this.runner = ScenarioRunner.create(scenario);
    VehicleSpec vehicle = scenario.vehicleSpec();
    PackSpec pack = vehicle.pack();
    this.devices = DevicesConfig.withDrives(vehicle.driveCount(), vehicle.genset().isPresent());
    if (devices.pack().cellsInSeries() != pack.seriesCells()) {
      throw new IllegalStateException("reference wiring has " + devices.pack().cellsInSeries()
          + " cells, the scenario's pack " + pack.seriesCells());
    }
    this.topology = new PackTopology(pack.seriesCells(), pack.parallelStrings());
    FaultInjector faults = new FaultInjector(FaultPlan.parse(faultSpecs), RandomGenerator.of("L64X128MixRandom"));
    this.platform = new SimulatedPlatform(devices, runner::latest, faults, CHIP_SEED);
    this.acquisition = new DeviceAcquisition(platform, devices, platform.simulatedUtc(), platform.simulatedNanos());
    // the gateway is configured with the pack's rated capacity, as an operator would from the nameplate
    EstimationConfig config = new EstimationConfig(null, pack.ratedPackAh(), null, null, null, null, null,
        null, null, null);
    this.estimator = BatteryEstimator.create(config, topology);
  }

  /**
   * Advances the physics by {@code seconds}, then runs one gateway cycle: acquire, estimate.
   *
   * @return the true state at the cycle, the gateway's snapshot and its estimates
   */
  Cycle cycle(double seconds) {
    LocomotiveState truth = runner.advance(seconds);
    Snapshot snapshot = acquisition.acquire();
    Estimates estimates = estimator.update(snapshot);
    return new Cycle(truth, snapshot, estimates);
  }

  /** The telemetry frame the gateway would send for this one cycle, encoded and decoded again. */
  static DecodedFrame frame(Cycle c) {
    HeaderFields header = new HeaderFields("GT-1", 1, 1, c.snapshot().utc(), c.snapshot().clock());
    byte[] bytes = TelemetryFrameEncoder.encode(header, List.of(c.snapshot()), c.estimates()).toByteArray();
    return TelemetryFrameDecoder.decode(bytes);
  }

  /** The health of the device whose name starts with {@code prefix}. */
  DeviceHealth health(String prefix) {
    return acquisition.health().stream().filter(h -> h.name().startsWith(prefix)).findFirst()
        .orElseThrow(() -> new AssertionError("no device " + prefix + " in " + acquisition.health()));
  }

  @Override
  public void close() {
    acquisition.close();
    platform.close();
    runner.close();
  }

  /**
   * One gateway cycle beside the truth it read.
   *
   * @param truth the simulator's state when the cycle ran
   * @param snapshot what the gateway acquired
   * @param estimates what the gateway estimated after it
   */
  record Cycle(LocomotiveState truth, Snapshot snapshot, Estimates estimates) {}
}
