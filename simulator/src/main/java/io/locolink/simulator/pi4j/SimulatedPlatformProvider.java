package io.locolink.simulator.pi4j;

import io.locolink.gateway.config.DevicesConfig;
import io.locolink.gateway.devices.Platform;
import io.locolink.gateway.devices.PlatformProvider;
import io.locolink.simulator.faults.FaultInjector;

/**
 * Selects the simulator with {@code devices.platform: simulator} through the ServiceLoader. Opened
 * this way it emulates the configured wiring on a parked locomotive ({@link ParkedLocomotive});
 * the demo and scenario runner construct {@link SimulatedPlatform} directly with their own
 * physics and wiring instead.
 */
public final class SimulatedPlatformProvider implements PlatformProvider {

  @Override
  public String name() {
    return SimulatedPlatform.NAME;
  }

  @Override
  public Platform open(DevicesConfig devices, long seed) {
    return new SimulatedPlatform(devices, ParkedLocomotive.state(devices), FaultInjector.none(), seed);
  }
}
