package io.locolink.gateway.devices;

import io.locolink.gateway.config.DevicesConfig;
import io.locolink.gateway.config.SimulatorConfig;
import java.nio.file.Path;
import java.util.Optional;

/** Selects the real board with {@code devices.platform: raspberrypi}. */
public final class RaspberryPiPlatformProvider implements PlatformProvider {

  /** The config value that selects this platform. */
  public static final String NAME = "raspberrypi";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Platform open(DevicesConfig devices, SimulatorConfig simulator, long samplePeriodNanos, long seed,
      Optional<Path> stateDir) {
    return RaspberryPiPlatform.open();
  }
}
