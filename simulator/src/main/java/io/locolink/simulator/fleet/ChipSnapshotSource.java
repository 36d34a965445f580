package io.locolink.simulator.fleet;

import io.locolink.gateway.acquisition.DeviceAcquisition;
import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.acquisition.SnapshotSource;
import io.locolink.gateway.config.DevicesConfig;
import io.locolink.simulator.faults.FaultInjector;
import io.locolink.simulator.physics.LocomotiveState;
import io.locolink.simulator.physics.VehicleSpec;
import io.locolink.simulator.pi4j.SimulatedPlatform;
import java.time.InstantSource;
import java.util.function.Supplier;

/**
 * The faithful {@link SnapshotSource}: the gateway's own drivers ({@link DeviceAcquisition})
 * reading one locomotive's emulated chips ({@link SimulatedPlatform}: shunt, ADCs, RTDs, pulse
 * counters, Modbus BMS, NMEA receiver) wired as the reference locomotive. The monotonic clock is
 * the simulation's time; UTC comes from the given clock. No faults are injected. Called from one
 * thread; {@link #close()} releases the emulated board.
 */
final class ChipSnapshotSource implements SnapshotSource {

  private final SimulatedPlatform platform;
  private final DeviceAcquisition acquisition;

  /**
   * @param state the locomotive's latest state, read whenever a chip is addressed
   * @param vehicle the locomotive, for the number of drives and whether a genset is wired
   * @param utc the gateway's UTC clock, labels the snapshots
   * @param seed seed of the chips' measurement noise
   */
  ChipSnapshotSource(Supplier<LocomotiveState> state, VehicleSpec vehicle, InstantSource utc, long seed) {
    DevicesConfig devices = DevicesConfig.withDrives(vehicle.driveCount(), vehicle.genset().isPresent());
    if (devices.pack().cellsInSeries() != vehicle.pack().seriesCells()) {
      throw new IllegalStateException("reference wiring has " + devices.pack().cellsInSeries()
          + " cells, the scenario's pack " + vehicle.pack().seriesCells());
    }
    this.platform = new SimulatedPlatform(devices, state, FaultInjector.none(), seed);
    try {
      this.acquisition = new DeviceAcquisition(platform, devices, utc, platform.simulatedNanos());
    } catch (RuntimeException e) {
      platform.close();
      throw e;
    }
  }

  @Override
  public Snapshot acquire() {
    return acquisition.acquire();
  }

  @Override
  public void close() {
    acquisition.close();
    platform.close();
  }
}
