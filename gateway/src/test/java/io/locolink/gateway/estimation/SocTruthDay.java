package io.locolink.gateway.estimation;

import io.locolink.gateway.acquisition.Reading;
import io.locolink.gateway.config.EstimationConfig;
import java.time.Instant;
import java.util.List;

/**
 * Two shunting shifts of the 216s5p pack of 280 Ah cells against a truth model the estimator may not
 * share, second by second: parked at 98 % with the BMS (wrongly) saying 60 %, 40 min of rest, an
 * 8-hour shift, 1 h of rest, a depot charge at 280 A (0.2 C) to 97 %, 40 min of rest and a second
 * 8-hour shift. When the true SoC falls to 5 % the BMS's low-charge protection stops the locomotive
 * (no traction, no auxiliaries) for the rest of that shift. The current sensor reads +1 % and +0.5 A
 * off; in the drifting-sensor model the offset rises by a set rate per hour of current (shift or
 * charge) and falls back to 0.5 A during each rest, as a Hall sensor warms and cools. Each cell is an
 * OCV table written out here, a Thevenin circuit (R0 = 0.18 mOhm, R1 = R0, tau = 45 s) and +-5 mV of
 * hysteresis that swings fully over 1 % of capacity. Errors are counted from the start of the first
 * shift, after the first rest has had its chance to correct the BMS's wrong SoC.
 */
final class SocTruthDay {

  /** The estimator's own reference curve (A123 table), written out again here. */
  static final double[][] REFERENCE = {{1, 5, 18, 31, 48, 78, 96, 100},
      {2.90, 3.12, 3.20, 3.24, 3.27, 3.30, 3.32, 3.59}};
  /**
   * A second LFP curve of a different shape (a flatter, lower plateau with two steps, a softer top
   * knee), representative of cells from another maker, not a datasheet table.
   */
  static final double[][] OTHER_CELL = {{0, 3, 10, 20, 35, 60, 65, 90, 97, 100},
      {2.70, 3.05, 3.19, 3.225, 3.255, 3.285, 3.300, 3.315, 3.340, 3.50}};

  /**
   * One truth model.
   *
   * @param name what it models
   * @param ocv the cells' OCV table: SoC percent, volts
   * @param ocvShiftV added to every OCV, volts
   * @param capacityFactor true capacity over rated
   * @param resistanceFactor true resistance over the reference cell's
   * @param offsetDriftAPerH the current sensor's offset drift per hour of current, amperes
   * @param cellTempC cell temperature, Celsius
   * @param bmsSohPercent the SoH the BMS reports
   * @param sharesEstimatorCurve whether the estimator knows this curve (only the reference row)
   */
  record Truth(String name, double[][] ocv, double ocvShiftV, double capacityFactor, double resistanceFactor,
      double offsetDriftAPerH, double cellTempC, double bmsSohPercent, boolean sharesEstimatorCurve) {}

  static final List<Truth> TRUTHS = List.of(
      new Truth("reference curve (shared with the estimator)", REFERENCE, 0, 1, 1, 0, 20, 100, true),
      new Truth("another LFP cell's curve", OTHER_CELL, 0, 1, 1, 0, 20, 100, false),
      new Truth("OCV +10 mV", REFERENCE, 0.010, 1, 1, 0, 20, 100, false),
      new Truth("OCV -10 mV", REFERENCE, -0.010, 1, 1, 0, 20, 100, false),
      new Truth("cold pack, 0 C (OCV -8 mV, resistance x3)", REFERENCE, -0.008, 1, 3, 0, 0, 100, false),
      new Truth("aged pack (capacity -15 %, resistance +40 %), BMS SoH 100 %", REFERENCE, 0, 0.85, 1.4, 0, 20, 100,
          false),
      new Truth("aged pack, BMS SoH 85 %", REFERENCE, 0, 0.85, 1.4, 0, 20, 85, false),
      new Truth("current offset drifting +0.5 A/h of current (0.5 -> 4.5 A)", REFERENCE, 0, 1, 1, 0.5, 20, 100,
          false));

  /**
   * What one run showed, percent of SoC.
   *
   * @param worstShift1 worst error over the first shift
   * @param worstShift2 worst error over the second shift
   * @param endError error at the end
   * @param endSigma reported one-sigma uncertainty at the end
   * @param worstExcess worst (error - reported uncertainty) from the first shift on
   * @param endSohPercent the estimator's SoH at the end
   * @param trueDrop how far the truth fell over the first shift
   */
  record Result(double worstShift1, double worstShift2, double endError, double endSigma, double worstExcess,
      double endSohPercent, double trueDrop) {}

  private static final double GAIN = 1.01;
  private static final double OFFSET_A = 0.5;
  private static final double PROTECTION_SOC = 5;
  private static final double[] SPREAD_V = {-0.002, 0.0, 0.001, 0.002};

  private final Truth truth;
  private final BatteryEstimator estimator = BatteryEstimator.create(EstimationConfig.defaults(),
      PackTopology.reference());
  private final SnapshotBuilder b = new SnapshotBuilder();
  private final Cell cell;
  private double workingH;
  private double worst;
  private double worstExcess = Double.NEGATIVE_INFINITY;
  private boolean counting;
  private Estimates last;

  private SocTruthDay(Truth truth) {
    this.truth = truth;
    this.cell = new Cell(truth, 98);
    b.utc = Instant.parse("2026-11-25T06:00:00Z");
    b.bmsSoc = Reading.good(60);
    b.bmsSoh = Reading.good(truth.bmsSohPercent());
    b.temps(truth.cellTempC(), truth.cellTempC(), truth.cellTempC(), truth.cellTempC());
  }

  /** Runs both shifts against {@code truth}. */
  static Result run(Truth truth) {
    return new SocTruthDay(truth).run();
  }

  private Result run() {
    rest(40 * 60);
    counting = true;
    double start = cell.socPercent;
    shift(new ShuntingDay(20261125L, 1_000_000));
    double worstShift1 = worst;
    double trueDrop = start - cell.socPercent;
    rest(3600);
    while (cell.socPercent < 97) {
      step(-280);
      workingH += 1 / 3600.0;
    }
    rest(40 * 60);
    worst = 0;
    shift(new ShuntingDay(20261126L, 1_000_000));
    return new Result(worstShift1, worst, error(), last.socUncertaintyPercent(), worstExcess, last.sohPercent(),
        trueDrop);
  }

  private void rest(int seconds) {
    workingH = 0;
    for (int s = 0; s < seconds; s++) {
      step(0);
    }
  }

  private void shift(ShuntingDay day) {
    boolean protection = false;
    for (int s = 0; s < 8 * 3600; s++) {
      protection |= cell.socPercent <= PROTECTION_SOC;
      double packW = protection ? 0 : day.nextSecondW();
      step(packW / (216 * cell.voltage(0)));
      workingH += 1 / 3600.0;
    }
  }

  private double error() {
    return Math.abs(last.socPercent() - cell.socPercent);
  }

  private void step(double amps) {
    cell.step(amps, 1.0);
    double[] cells = new double[SPREAD_V.length];
    for (int i = 0; i < cells.length; i++) {
      cells[i] = cell.voltage(SPREAD_V[i]);
    }
    b.advance(1.0);
    b.pack(216 * cell.voltage(0), amps * GAIN + OFFSET_A + truth.offsetDriftAPerH() * workingH).cells(cells);
    last = estimator.update(b.build());
    if (counting) {
      worst = Math.max(worst, error());
      worstExcess = Math.max(worstExcess, error() - last.socUncertaintyPercent());
    }
  }

  /** One cell of the pack: OCV table, Thevenin circuit, hysteresis. */
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
