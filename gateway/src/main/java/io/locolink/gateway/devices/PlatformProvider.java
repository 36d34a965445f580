package io.locolink.gateway.devices;

import io.locolink.gateway.config.DevicesConfig;
import io.locolink.gateway.config.SimulatorConfig;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Opens a {@link Platform} by name; implementations are found with {@link java.util.ServiceLoader}
 * so the gateway never names the simulator.
 */
public interface PlatformProvider {

  /** The value of {@code devices.platform} that selects this provider. */
  String name();

  /**
   * Opens the platform.
   *
   * @param devices the wiring (an emulating platform places its chips there; hardware ignores it)
   * @param simulator what an emulating platform plays (scenario, speed, faults); hardware ignores it
   * @param samplePeriodNanos the gateway's sample period, nanoseconds, > 0: what its
   *     {@link Platform#sampleClock} will be asked for (an emulation sizes its simulation's step by it)
   * @param seed seed for anything random the platform does (emulation noise); ignored by hardware
   * @param stateDir the gateway's state directory, where an emulation keeps what must outlive a
   *     restart (its simulated clock); empty when nothing is kept (a one-off device read); hardware ignores it
   */
  Platform open(DevicesConfig devices, SimulatorConfig simulator, long samplePeriodNanos, long seed,
      Optional<Path> stateDir);
}
