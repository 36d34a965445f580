package io.locolink.gateway.estimation;

import io.locolink.gateway.acquisition.ClockQuality;
import io.locolink.gateway.estimation.EnergyPeriod.DataStatus;
import io.locolink.gateway.estimation.EnergyPeriod.EnergyQuality;

/**
 * Collects, for one open energy period, the quality word and what decides its time and energy
 * status. Time: INVALID after a clock step (CLOCK_SET), else UNCERTAIN if any snapshot was taken
 * before the clock was synced, else VALID. Energy: MISSING if nothing was integrated, INVALID if
 * every integrated interval was a measurement fault, UNCERTAIN after any fault or a gap not
 * integrated, else VALID. Not thread-safe.
 */
final class PeriodQuality {

  private int word;
  private boolean unsynced;
  private boolean gap;
  private double integratedS;
  private double faultS;

  /** The quality collected before a stop, continued. */
  static PeriodQuality resumed(SuspendedPeriod p) {
    PeriodQuality q = new PeriodQuality();
    q.word = p.qualityWord();
    q.unsynced = p.unsynced();
    q.gap = p.gap();
    q.integratedS = p.integratedS();
    q.faultS = p.faultS();
    return q;
  }

  boolean unsynced() {
    return unsynced;
  }

  boolean hadGap() {
    return gap;
  }

  double integratedS() {
    return integratedS;
  }

  double faultS() {
    return faultS;
  }

  void mark(EnergyQuality bit) {
    word |= bit.bit();
  }

  /** Records the clock's state at a snapshot that lies in this period. */
  void clock(ClockObservation clock) {
    if (clock.quality() == ClockQuality.STEPPED) {
      mark(EnergyQuality.CLOCK_SET);
    } else if (clock.quality() == ClockQuality.UNSYNCED) {
      unsynced = true;
    }
  }

  /** Records {@code dtS} seconds integrated with {@code flows}. */
  void interval(SampleFlows flows, double dtS) {
    if (dtS <= 0) {
      return;
    }
    integratedS += dtS;
    if (flows.measurementFault()) {
      faultS += dtS;
      mark(EnergyQuality.MEASUREMENT_FAULT);
    }
    if (flows.overVoltage()) {
      mark(EnergyQuality.OVER_VOLTAGE);
    }
    if (flows.underVoltage()) {
      mark(EnergyQuality.UNDER_VOLTAGE);
    }
  }

  /** Records a stretch between snapshots too long to integrate. */
  void gap() {
    gap = true;
    mark(EnergyQuality.INCOMPLETE_PERIOD);
  }

  int word() {
    return word;
  }

  DataStatus timeStatus() {
    if ((word & EnergyQuality.CLOCK_SET.bit()) != 0) {
      return DataStatus.INVALID;
    }
    return unsynced ? DataStatus.UNCERTAIN : DataStatus.VALID;
  }

  DataStatus energyStatus() {
    if (integratedS <= 0) {
      return DataStatus.MISSING;
    }
    if (faultS >= integratedS) {
      return DataStatus.INVALID;
    }
    return faultS > 0 || gap ? DataStatus.UNCERTAIN : DataStatus.VALID;
  }
}
