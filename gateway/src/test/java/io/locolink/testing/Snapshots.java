package io.locolink.testing;

import io.locolink.gateway.acquisition.ClockQuality;
import io.locolink.gateway.acquisition.Contactor;
import io.locolink.gateway.acquisition.DriveReadings;
import io.locolink.gateway.acquisition.GnssFix;
import io.locolink.gateway.acquisition.MotionReadings;
import io.locolink.gateway.acquisition.PackReadings;
import io.locolink.gateway.acquisition.Reading;
import io.locolink.gateway.acquisition.Snapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Test data: snapshots of the reference pack (216 cells in series, 5 strings) with chosen values. */
public final class Snapshots {

  public static final int CELLS = 216;
  public static final int TEMPERATURE_SENSORS = 108;

  private Snapshots() {}

  /** A snapshot with every cell at {@code cellV}, the pack at their sum, and {@code drives} drives. */
  public static Snapshot of(long monotonicNanos, Instant utc, double cellV, double currentA, double speedKmh, int drives) {
    double[] cells = new double[CELLS];
    java.util.Arrays.fill(cells, cellV);
    double[] temps = new double[TEMPERATURE_SENSORS];
    java.util.Arrays.fill(temps, 25.0);
    PackReadings pack = new PackReadings(Reading.good(cellV * CELLS), Reading.good(currentA), cells,
        new int[CELLS], temps, new int[TEMPERATURE_SENSORS], Reading.good(62.5), Reading.good(98.0),
        Reading.good(2500), Contactor.CLOSED, new boolean[CELLS], 5);
    List<DriveReadings> list = new ArrayList<>();
    for (int d = 0; d < drives; d++) {
      list.add(new DriveReadings(d, Reading.good(currentA / drives), Reading.good(speedKmh * 40),
          Reading.good(cellV * CELLS), Reading.good(80 + d), Reading.good(45), Reading.good(55), Reading.good(40)));
    }
    GnssFix fix = new GnssFix(43.2389, 76.8897, speedKmh, utc, 1, 9, monotonicNanos);
    return new Snapshot(monotonicNanos, utc, ClockQuality.SYNCED, pack, list, Optional.empty(),
        new MotionReadings(Reading.good(speedKmh), 1234.0, Optional.of(fix), true));
  }
}
