package io.locolink.gateway.estimation;

import io.locolink.gateway.config.EstimationConfig;

/**
 * Turns energy registers into CO2 against a diesel locomotive doing the same work.
 *
 * <p>The diesel locomotive burns {@code dieselKgPerKwh} per kWh of traction work (energy into the
 * drives while motoring, treated as shaft work) plus {@code dieselIdleLph} whenever the key is on
 * and traction is below the idle threshold. We burn what our genset's fuel meter counted and, well
 * to wheel, emit the grid's factor for every kWh a depot charger put into the battery (charger
 * losses upstream of the battery terminals are not seen). Braking energy a diesel locomotive would
 * burn in its resistors is simply not needed by us again: it shows up as less charge needed.
 * Stateless and thread-safe.
 */
public final class Co2Account {

  private final EstimationConfig.Co2 figures;

  public Co2Account(EstimationConfig.Co2 figures) {
    this.figures = figures;
  }

  /** CO2 of the operation recorded in {@code delta} (a register difference). */
  public Co2Figures of(EnergyTotals delta) {
    double burnGPerL = figures.dieselKgCo2PerL() * 1000;
    double upstreamGPerL = figures.dieselUpstreamKgCo2PerL() * 1000;
    double ttw = delta.dieselL() * burnGPerL;
    double gridG = delta.depotChargeJ() / 3.6e6 * figures.gridGPerKwh();
    double wtw = delta.dieselL() * (burnGPerL + upstreamGPerL) + gridG;
    double dieselL = dieselLocomotiveLitres(delta);
    double dieselTtw = dieselL * burnGPerL;
    double dieselWtw = dieselL * (burnGPerL + upstreamGPerL);
    return new Co2Figures(ttw, wtw, dieselTtw, dieselWtw, dieselWtw - wtw);
  }

  /** Litres a diesel locomotive would burn for the traction work and idling in {@code delta}. */
  public double dieselLocomotiveLitres(EnergyTotals delta) {
    double workKwh = delta.tractionJ() / 3.6e6;
    double workL = workKwh * figures.dieselKgPerKwh() / figures.dieselDensityKgPerL();
    double idleL = delta.dieselIdleS() / 3600 * figures.dieselIdleLph();
    return workL + idleL;
  }
}
