package io.locolink.gateway.devices;

/** Selects the real board with {@code devices.platform: raspberrypi}. */
public final class RaspberryPiPlatformProvider implements PlatformProvider {

  /** The config value that selects this platform. */
  public static final String NAME = "raspberrypi";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Platform open(long seed) {
    return RaspberryPiPlatform.open();
  }
}
