package io.locolink.gateway.trips;

import io.locolink.gateway.acquisition.DriveReadings;
import io.locolink.gateway.acquisition.PackReadings;
import io.locolink.gateway.acquisition.Reading;
import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.estimation.Estimates;
import java.time.Instant;
import java.util.OptionalDouble;

/**
 * Adds up one trip from its snapshots and events. Energy is integrated from the readings with the
 * monotonic clock by the same rule as the estimator's energy meter: each sample's power is held until
 * the next sample, and a flagged voltage or current holds the last good power. Consumed = integral
 * of positive pack power; regenerated = integral of the power flowing back into the pack while the
 * drives brake (the smaller of the pack's charging power and the drives' returned power; the pack's
 * charging power alone when no drive reading is good). A step longer than {@link #MAX_STEP_S} is not
 * integrated (a stalled loop, not a measurement). Not thread-safe.
 */
final class TripAccumulator {

  /** Longest gap between snapshots that is still integrated, seconds. */
  static final double MAX_STEP_S = 10.0;

  private final Instant start;
  private final double odometerStartM;
  private final double socStartPercent;
  private final OptionalDouble fuelStartL;
  private Instant end;
  private long lastNanos;
  private double odometerM;
  private double socPercent;
  private double consumedWh;
  private double regeneratedWh;
  private double heldConsumedW;
  private double heldRegenW;
  private double minCellC = Double.NaN;
  private double maxCellC = Double.NaN;
  private double maxMotorC = Double.NaN;
  private OptionalDouble fuelEndL;
  private long alarms;
  private long co2AvoidedG;
  private long frames;

  TripAccumulator(Snapshot first, Estimates estimates) {
    this.start = first.utc();
    this.end = first.utc();
    this.lastNanos = first.monotonicNanos();
    this.odometerStartM = first.motion().odometerM();
    this.odometerM = odometerStartM;
    this.socStartPercent = estimates.socPercent();
    this.socPercent = socStartPercent;
    this.fuelStartL = first.genset().map(g -> OptionalDouble.of(g.fuelUsedL())).orElse(OptionalDouble.empty());
    this.fuelEndL = fuelStartL;
    foldTemperatures(first, estimates);
    hold(first);
  }

  void add(Snapshot s, Estimates e) {
    double dtS = (s.monotonicNanos() - lastNanos) / 1e9;
    lastNanos = s.monotonicNanos();
    if (dtS > 0 && dtS <= MAX_STEP_S) {
      consumedWh += heldConsumedW * dtS / 3600.0;
      regeneratedWh += heldRegenW * dtS / 3600.0;
    }
    hold(s);
    end = s.utc();
    odometerM = s.motion().odometerM();
    socPercent = e.socPercent();
    fuelEndL = s.genset().map(g -> OptionalDouble.of(g.fuelUsedL())).orElse(fuelEndL);
    foldTemperatures(s, e);
  }

  /** Takes this sample's power as the power of the interval up to the next sample. */
  private void hold(Snapshot s) {
    PackReadings pack = s.pack();
    if (!pack.voltageV().isGood() || !pack.currentA().isGood()) {
      return;  // the last good power holds
    }
    double packW = pack.powerW();
    heldConsumedW = Math.max(0, packW);
    heldRegenW = packW > 0 ? 0 : regenW(s, -packW);
  }

  private static double regenW(Snapshot s, double intoPackW) {
    double drivesW = 0;
    boolean anyDrive = false;
    for (DriveReadings d : s.drives()) {
      if (d.currentA().isGood() && d.dcLinkV().isGood()) {
        drivesW += d.currentA().value() * d.dcLinkV().value();
        anyDrive = true;
      }
    }
    return anyDrive ? Math.min(intoPackW, Math.max(0, -drivesW)) : intoPackW;
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
    double diesel = fuelStartL.isPresent() && fuelEndL.isPresent()
        ? Math.max(0, fuelEndL.getAsDouble() - fuelStartL.getAsDouble()) * 1000.0
        : 0;
    return new TripTotals(start, end, Math.max(0, odometerM - odometerStartM), consumedWh, regeneratedWh,
        socStartPercent, socPercent, opt(minCellC), opt(maxCellC), opt(maxMotorC), alarms, co2AvoidedG,
        diesel, frames);
  }

  private static OptionalDouble opt(double v) {
    return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
  }
}
