package io.locolink.gateway.trips;

import io.locolink.gateway.acquisition.DriveReadings;
import io.locolink.gateway.acquisition.Reading;
import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.estimation.EnergyTotals;
import io.locolink.gateway.estimation.Estimates;
import java.time.Instant;
import java.util.OptionalDouble;

/**
 * Adds up one trip from its cycles and events. Energy and diesel are not integrated here: they are
 * the advance of the estimator's cumulative registers from the trip's first cycle to its last, the
 * same registers the energy records are differences of, so a trip and its records never disagree
 * by more than the rounding of whole watt-hours. The SoC at start is the estimator's first seeded
 * estimate in the trip (never its no-information guess), the SoC at end its latest. Not thread-safe.
 */
final class TripAccumulator {

  private final Instant start;
  private final double odometerStartM;
  private final EnergyTotals registersStart;
  private EnergyTotals registersEnd;
  private double socStartPercent = Double.NaN;
  private double socEndPercent = Double.NaN;
  private Instant end;
  private double odometerM;
  private double minCellC = Double.NaN;
  private double maxCellC = Double.NaN;
  private double maxMotorC = Double.NaN;
  private long alarms;
  private long co2AvoidedG;
  private long frames;

  TripAccumulator(Snapshot first, Estimates estimates) {
    this.start = first.utc();
    this.odometerStartM = first.motion().odometerM();
    this.registersStart = estimates.registers();
    add(first, estimates);
  }

  void add(Snapshot s, Estimates e) {
    registersEnd = e.registers();
    end = s.utc();
    odometerM = s.motion().odometerM();
    if (e.socSeeded()) {
      if (Double.isNaN(socStartPercent)) {
        socStartPercent = e.socPercent();
      }
      socEndPercent = e.socPercent();
    }
    foldTemperatures(s, e);
  }

  private void foldTemperatures(Snapshot s, Estimates e) {
    double lo = e.cells().minTempC();
    double hi = e.cells().maxTempC();
    if (!Double.isNaN(lo)) {
      minCellC = Double.isNaN(minCellC) ? lo : Math.min(minCellC, lo);
    }
    if (!Double.isNaN(hi)) {
      maxCellC = Double.isNaN(maxCellC) ? hi : Math.max(maxCellC, hi);
    }
    for (DriveReadings d : s.drives()) {
      Reading w = d.windingC();
      if (w.isGood()) {
        maxMotorC = Double.isNaN(maxMotorC) ? w.value() : Math.max(maxMotorC, w.value());
      }
    }
  }

  void countFrame() {
    frames++;
  }

  void countAlarms(long raised) {
    alarms += raised;
  }

  void addCo2Avoided(long grams) {
    co2AvoidedG += grams;
  }

  TripTotals totals() {
    EnergyTotals trip = registersEnd.minus(registersStart);
    // 0 % stands for "unknown": only a trip whose every cycle had neither a BMS SoC nor an OCV reading
    double socStart = Double.isNaN(socStartPercent) ? 0 : socStartPercent;
    double socEnd = Double.isNaN(socEndPercent) ? socStart : socEndPercent;
    return new TripTotals(start, end, Math.max(0, odometerM - odometerStartM), trip.consumedWh(),
        trip.regeneratedWh(), socStart, socEnd, opt(minCellC), opt(maxCellC), opt(maxMotorC), alarms,
        co2AvoidedG, trip.dieselL() * 1000.0, frames);
  }

  private static OptionalDouble opt(double v) {
    return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
  }
}
