package io.locolink.simulator.pi4j;

import io.locolink.simulator.physics.LocomotiveState;
import io.locolink.simulator.physics.LocomotiveState.DriveState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A hand-made locomotive for tests: constant speed, currents and temperatures, every cell a
 * slightly different voltage and temperature; time advanced by the test.
 */
public final class TestLocomotive implements Supplier<LocomotiveState> {

  public static final Instant START = Instant.parse("2026-11-25T08:00:00Z");

  public final int cells;
  public final int drives;
  public double timeS;
  public double speedKmh = 36.0;
  public double packCurrentA = 850.0;
  public boolean genset;
  /** When set, the drives come from this locomotive instead. */
  public TestLocomotive drivesOverride;

  public TestLocomotive(int cells, int drives) {
    this.cells = cells;
    this.drives = drives;
  }

  public void advance(double seconds) {
    timeS += seconds;
  }

  /** Cell {@code i}'s voltage: 3.200 V plus 0.4 mV per cell index. */
  public static double cellV(int i) {
    return 3.2 + 0.0004 * i;
  }

  /** Cell sensor {@code i}'s temperature: 20 °C plus 0.05 °C per index. */
  public static double cellC(int i) {
    return 20 + 0.05 * i;
  }

  public static DriveState drive(int i, double packV) {
    return new DriveState(180 + 15 * i, 1500 + 120 * i, packV, 95 + 3 * i, 55 + 2 * i, 65 + i, 42 + i);
  }

  @Override
  public LocomotiveState get() {
    double[] volts = new double[cells];
    double[] temps = new double[cells];
    double pack = 0;
    for (int i = 0; i < cells; i++) {
      volts[i] = cellV(i);
      temps[i] = cellC(i);
      pack += volts[i];
    }
    List<DriveState> list = new ArrayList<>();
    int driveCount = drivesOverride == null ? drives : drivesOverride.drives;
    for (int i = 0; i < driveCount; i++) {
      list.add(drive(i, pack));
    }
    Optional<LocomotiveState.GensetState> g = genset
        ? Optional.of(new LocomotiveState.GensetState(true, 1500, 300, 72, 0.02 * timeS, 80)) : Optional.empty();
    boolean[] balancing = new boolean[cells];
    balancing[3] = true;
    balancing[200] = true;
    return new LocomotiveState(timeS, START.plusNanos(Math.round(timeS * 1e9)), speedKmh, speedKmh / 3.6 * timeS,
        51.1694, 71.4491, pack, packCurrentA, volts, temps, balancing, 0.62, 0.97, 4.2e6, true, 5, list, g, -5, true,
        0, 0);
  }
}
