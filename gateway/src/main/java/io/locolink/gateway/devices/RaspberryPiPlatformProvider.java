package io.locolink.gateway.devices;

import io.locolink.gateway.config.DevicesConfig;
import io.locolink.gateway.config.SimulatorConfig;

/** Selects the real board with {@code devices.platform: raspberrypi}. */
public final class RaspberryPiPlatformProvider implements PlatformProvider {

  /** The config value that selects this platform. */
  public static final String NAME = "raspberrypi";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Platform open(DevicesConfig devices, SimulatorConfig simulator, long samplePeriodNanos, long seed) {
    return RaspberryPiPlatform.open();
  }
}
