package io.locolink.simulator.faults;

import io.locolink.gateway.acquisition.DeviceAcquisition;
import io.locolink.gateway.acquisition.DeviceHealth;
import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.config.DevicesConfig;
import io.locolink.simulator.pi4j.SimulatedPlatform;
import io.locolink.simulator.pi4j.TestLocomotive;

/** A simulated platform and the gateway's acquisition on a test locomotive, with a fault plan. */
final class Rig implements AutoCloseable {

  final TestLocomotive loco = new TestLocomotive(216, 4);
  final SimulatedPlatform platform;
  final DeviceAcquisition acquisition;
  Snapshot last;

  Rig(String faultSpecs) {
    DevicesConfig config = DevicesConfig.defaults();
    FaultInjector faults = new FaultInjector(FaultPlan.parse(faultSpecs), java.util.random.RandomGeneratorFactory.of("L64X128MixRandom").create(42));
    platform = new SimulatedPlatform(config, loco, faults, 11);
    acquisition = new DeviceAcquisition(platform, config, platform.simulatedUtc(), platform.simulatedNanos());
  }

  /** Acquires at 10 Hz until the simulated clock reaches {@code timeS}; returns the last snapshot. */
  Snapshot runUntil(double timeS) {
    while (loco.timeS < timeS - 1e-9) {
      loco.advance(0.1);
      last = acquisition.acquire();
    }
    return last;
  }

  DeviceHealth health(String prefix) {
    return acquisition.health().stream().filter(h -> h.name().startsWith(prefix)).findFirst().orElseThrow();
  }

  @Override
  public void close() {
    acquisition.close();
    platform.close();
  }
}
