package io.locolink.simulator.pi4j;

import io.locolink.gateway.config.DevicesConfig;
import io.locolink.simulator.physics.LocomotiveState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** A locomotive standing in the depot at 60 % charge, its time following the wall clock. */
final class ParkedLocomotive {

  private ParkedLocomotive() {}

  static Supplier<LocomotiveState> state(DevicesConfig config) {
    Clock clock = Clock.systemUTC();
    long startNanos = System.nanoTime();
    int cells = config.pack().cellsInSeries();
    double[] volts = new double[cells];
    Arrays.fill(volts, 3.29);
    double[] temps = new double[config.pack().temperatureSensors()];
    Arrays.fill(temps, 18.0);
    List<LocomotiveState.DriveState> drives = new ArrayList<>();
    for (int i = 0; i < config.drives().size(); i++) {
      drives.add(new LocomotiveState.DriveState(0, 0, 3.29 * cells, 15, 15, 16, 15));
    }
    Optional<LocomotiveState.GensetState> genset = config.genset().present()
        ? Optional.of(new LocomotiveState.GensetState(false, 0, 0, 0, 0, 20)) : Optional.empty();
    return () -> new LocomotiveState((System.nanoTime() - startNanos) / 1e9, clock.instant(), 0, 0, 43.2389, 76.8897,
        3.29 * cells, 0, volts, temps, new boolean[cells], 0.6, 0.98, 5e6, true, config.pack().stringsParallel(),
        drives, genset, 15, true, 0, 0);
  }
}
