package io.locolink.gateway.estimation;

import io.locolink.gateway.acquisition.Reading;
import io.locolink.gateway.config.EstimationConfig;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * SoC error against truth models the estimator does not share: another LFP cell's OCV curve, OCV
 * offsets of +-10 mV, a cold pack (OCV shifted, resistance tripled), an aged pack (capacity -15 %,
 * resistance +40 %) and a current sensor whose offset drifts. Each runs the shunting day of {@link
 * SocEstimatorTest}: parked at 98 % with the BMS saying 60 %, 40 min of rest, an 8-hour shift. Prints
 * the worst error over the shift, the error and the reported one-sigma uncertainty at the end, and
 * the worst amount by which the error exceeded the reported uncertainty during the shift.
 * Run as a main class on the gateway's test class path (see BENCHMARKS.md); no arguments.
 */
public final class SocRobustnessBench {

  /** The estimator's own reference curve, as in {@link LfpPackModel}. */
  static final double[][] REFERENCE = {{1, 5, 18, 31, 48, 78, 96, 100},
      {2.90, 3.12, 3.20, 3.24, 3.27, 3.30, 3.32, 3.59}};
  /**
   * A second LFP curve of a different shape (a flatter, lower plateau with two steps, a softer top
   * knee), representative of cells from another maker, not a datasheet table.
   */
  static final double[][] OTHER_CELL = {{0, 3, 10, 20, 35, 60, 65, 90, 97, 100},
      {2.70, 3.05, 3.19, 3.225, 3.255, 3.285, 3.300, 3.315, 3.340, 3.50}};

  /** One truth model: OCV curve and shift, capacity and resistance factors, sensor offset drift, the BMS's SoH. */
  record Truth(String name, double[][] ocv, double ocvShiftV, double capacityFactor, double resistanceFactor,
      double offsetDriftAPerH, double cellTempC, double bmsSohPercent) {}

  static final List<Truth> TRUTHS = List.of(
      new Truth("reference curve (shared with the estimator)", REFERENCE, 0, 1, 1, 0, 20, 100),
      new Truth("another LFP cell's curve", OTHER_CELL, 0, 1, 1, 0, 20, 100),
      new Truth("OCV +10 mV", REFERENCE, 0.010, 1, 1, 0, 20, 100),
      new Truth("OCV -10 mV", REFERENCE, -0.010, 1, 1, 0, 20, 100),
      new Truth("cold pack, 0 C (OCV -8 mV, resistance x3)", REFERENCE, -0.008, 1, 3, 0, 0, 100),
      new Truth("aged pack (capacity -15 %, resistance +40 %), BMS SoH 100 %", REFERENCE, 0, 0.85, 1.4, 0, 20, 100),
      new Truth("aged pack, BMS SoH 85 %", REFERENCE, 0, 0.85, 1.4, 0, 20, 85),
      new Truth("current offset drifting +0.5 A/h (0.5 -> 4.5 A)", REFERENCE, 0, 1, 1, 0.5, 20, 100));

  private SocRobustnessBench() {}

  public static void main(String[] args) {
    System.out.println("| truth model | worst error over the shift | error at the end | reported uncertainty at the end"
        + " | worst excess of error over uncertainty |");
    System.out.println("|---|---|---|---|---|");
    for (Truth t : TRUTHS) {
      double[] r = run(t);
      System.out.printf(Locale.ROOT, "| %s | %.2f %% | %.2f %% | %.2f %% | %.2f %% |%n", t.name(), r[0], r[1], r[2],
          r[3]);
    }
  }

  /** Worst error, final error, final uncertainty, worst (error - uncertainty); percent of SoC. */
  static double[] run(Truth t) {
    BatteryEstimator estimator = BatteryEstimator.create(EstimationConfig.defaults(), PackTopology.reference());
    SnapshotBuilder b = new SnapshotBuilder();
    b.utc = Instant.parse("2026-11-25T06:00:00Z");
    b.bmsSoc = Reading.good(60);
    b.bmsSoh = Reading.good(t.bmsSohPercent());
    b.temps(t.cellTempC(), t.cellTempC(), t.cellTempC(), t.cellTempC());
    Cell cell = new Cell(t, 98);
    ShuntingDay day = new ShuntingDay(20261125L, 1_000_000);
    Estimates e = null;
    double elapsedH = 0;
    for (int s = 0; s < 40 * 60; s++) {
      e = step(estimator, b, cell, 0, elapsedH);
      elapsedH += 1 / 3600.0;
    }
    double worst = 0;
    double worstExcess = Double.NEGATIVE_INFINITY;
    for (int s = 0; s < 8 * 3600; s++) {
      e = step(estimator, b, cell, day.nextSecondW(), elapsedH);
      elapsedH += 1 / 3600.0;
      double err = Math.abs(e.socPercent() - cell.socPercent);
      worst = Math.max(worst, err);
      worstExcess = Math.max(worstExcess, err - e.socUncertaintyPercent());
    }
    return new double[] {worst, Math.abs(e.socPercent() - cell.socPercent), e.socUncertaintyPercent(), worstExcess};
  }

  private static final double[] SPREAD_V = {-0.002, 0.0, 0.001, 0.002};

  private static Estimates step(BatteryEstimator estimator, SnapshotBuilder b, Cell cell, double packW,
      double elapsedH) {
    double volts = 216 * cell.voltage(0);
    double amps = packW / volts;
    cell.step(amps, 1.0);
    double[] cells = new double[SPREAD_V.length];
    for (int i = 0; i < cells.length; i++) {
      cells[i] = cell.voltage(SPREAD_V[i]);
    }
    b.advance(1.0);
    b.pack(216 * cell.voltage(0), amps * 1.01 + 0.5 + cell.truth.offsetDriftAPerH() * elapsedH).cells(cells);
    return estimator.update(b.build());
  }

  /** One cell of the 216s5p pack of 280 Ah cells: OCV table, Thevenin circuit, hysteresis as in LfpPackModel. */
  private static final class Cell {
    final Truth truth;
    final double capacityAh;
    final double r0;
    double socPercent;
    double hysteresis = 1;
    double v1;
    double cellA;

    Cell(Truth truth, double socPercent) {
      this.truth = truth;
      this.capacityAh = 280 * 5 * truth.capacityFactor();
      this.r0 = 0.18e-3 * truth.resistanceFactor();
      this.socPercent = socPercent;
    }

    void step(double packA, double dtS) {
      cellA = packA / 5;
      socPercent -= packA * dtS / 3600 / capacityAh * 100;
      double swing = Math.abs(packA) * dtS / 3600 / (0.01 * capacityAh);
      hysteresis = Math.max(-1, Math.min(1, hysteresis - Math.signum(packA) * swing));
      double a = Math.exp(-dtS / 45);
      v1 = v1 * a + cellA * r0 * (1 - a);
    }

    double voltage(double offsetV) {
      return ocv() + truth.ocvShiftV() + hysteresis * 0.005 - cellA * r0 - v1 + offsetV;
    }

    private double ocv() {
      double[] soc = truth.ocv()[0];
      double[] v = truth.ocv()[1];
      if (socPercent <= soc[0]) {
        return v[0];
      }
      for (int i = 0; i < soc.length - 1; i++) {
        if (socPercent <= soc[i + 1]) {
          return v[i] + (socPercent - soc[i]) / (soc[i + 1] - soc[i]) * (v[i + 1] - v[i]);
        }
      }
      return v[v.length - 1];
    }
  }
}
