package io.locolink.gateway.devices;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds a {@link PlatformProvider} by its configured name. */
public final class Platforms {

  private Platforms() {}

  /**
   * Opens the platform named {@code name} ({@code devices.platform}).
   *
   * @throws IllegalArgumentException naming the key and the known platforms when none matches
   */
  public static Platform open(String name, long seed) {
    List<String> known = new ArrayList<>();
    for (PlatformProvider provider : ServiceLoader.load(PlatformProvider.class)) {
      if (provider.name().equals(name)) {
        return provider.open(seed);
      }
      known.add(provider.name());
    }
    throw new IllegalArgumentException(
        "devices.platform: unknown platform '" + name + "', available: " + known);
  }
}
