package io.locolink.gateway.estimation;

import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.config.EstimationConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Cost of {@link BatteryEstimator#update} for the reference pack (216 cells, 216 temperature
 * sensors, 4 drives) at 10 Hz over a simulated shunting stretch. Run as a main class; prints
 * nanoseconds per update and how many 10 Hz locomotives one core could serve.
 */
public final class EstimatorBenchmark {

  private EstimatorBenchmark() {}

  public static void main(String[] args) {
    int warmup = 200_000;
    int measured = 1_000_000;
    List<Snapshot> snapshots = prepare(10_000);
    run(snapshots, warmup);
    long t0 = System.nanoTime();
    double sink = run(snapshots, measured);
    long t1 = System.nanoTime();
    double nsPerUpdate = (t1 - t0) / (double) measured;
    System.out.printf("updates=%d ns/update=%.0f updates/s/core=%.0f (sink %.1f)%n",
        measured, nsPerUpdate, 1e9 / nsPerUpdate, sink);
  }

  private static double run(List<Snapshot> snapshots, int count) {
    BatteryEstimator e = BatteryEstimator.create(EstimationConfig.defaults(), PackTopology.reference());
    double sink = 0;
    long shift = 0;
    for (int i = 0; i < count; i++) {
      Snapshot s = snapshots.get(i % snapshots.size());
      if (i % snapshots.size() == 0 && i > 0) {
        shift += snapshots.size() * 100_000_000L;
      }
      Snapshot moved = new Snapshot(s.monotonicNanos() + shift, s.utc().plusNanos(shift), s.clock(), s.pack(),
          s.drives(), s.genset(), s.motion());
      sink += e.update(moved).socPercent();
    }
    return sink;
  }

  private static List<Snapshot> prepare(int n) {
    SnapshotBuilder b = new SnapshotBuilder().fixAged(0);
    ShuntingDay day = new ShuntingDay(7, 1_000_000);
    List<Snapshot> out = new ArrayList<>(n);
    double[] cells = SnapshotBuilder.filled(216, 3.29);
    double[] temps = SnapshotBuilder.filled(216, 22);
    double powerW = 0;
    for (int i = 0; i < n; i++) {
      if (i % 10 == 0) {
        powerW = day.nextSecondW();
      }
      cells[i % 216] = 3.28 + (i % 7) * 0.002;
      b.cells(cells).temps(temps).pack(700, powerW / 700);
      b.drives = new ArrayList<>(List.of(SnapshotBuilder.drive(0, 700, powerW / 2800, 90, 50, 70),
          SnapshotBuilder.drive(1, 700, powerW / 2800, 90, 50, 70), SnapshotBuilder.drive(2, 700, powerW / 2800, 90, 50, 70),
          SnapshotBuilder.drive(3, 700, powerW / 2800, 90, 50, 70)));
      out.add(b.build());
      b.advance(0.1);
    }
    return out;
  }
}
