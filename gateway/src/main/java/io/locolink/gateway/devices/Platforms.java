package io.locolink.gateway.devices;

import io.locolink.gateway.config.ConfigException;
import io.locolink.gateway.config.DevicesConfig;
import io.locolink.gateway.config.SimulatorConfig;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** Finds a {@link PlatformProvider} by its configured name. */
public final class Platforms {

  private Platforms() {}

  /**
   * Opens the platform named {@code name} (the root config key {@code platform}) for the wiring
   * {@code devices}; an emulating platform plays what {@code simulator} says, sampled every
   * {@code samplePeriodNanos}.
   *
   * @throws ConfigException naming the key and the known platforms when none matches
   */
  public static Platform open(String name, DevicesConfig devices, SimulatorConfig simulator, long samplePeriodNanos,
      long seed) {
    return open(name, devices, simulator, samplePeriodNanos, seed, Optional.empty());
  }

  /**
   * As {@link #open(String, DevicesConfig, SimulatorConfig, long, long)}, for a gateway that keeps
   * its state in {@code stateDir}: an emulating platform continues its simulated clock from there
   * after a restart.
   *
   * @throws ConfigException naming the key and the known platforms when none matches
   */
  public static Platform open(String name, DevicesConfig devices, SimulatorConfig simulator, long samplePeriodNanos,
      long seed, Optional<Path> stateDir) {
    List<String> known = new ArrayList<>();
    for (PlatformProvider provider : ServiceLoader.load(PlatformProvider.class)) {
      if (provider.name().equals(name)) {
        return provider.open(devices, simulator, samplePeriodNanos, seed, stateDir);
      }
      known.add(provider.name());
    }
    throw new ConfigException("platform", "unknown platform '" + name + "', available on the class path: " + known);
  }
}
