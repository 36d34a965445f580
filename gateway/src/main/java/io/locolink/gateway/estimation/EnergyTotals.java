package io.locolink.gateway.estimation;

/**
 * Cumulative energy registers, as a meter keeps them. Periods, days and trips are differences of
 * two register readings, so their sum never drifts from the total.
 *
 * @param consumedJ battery discharge, joules
 * @param regeneratedJ battery charge from braking, joules
 * @param depotChargeJ battery charge from a depot charger, joules
 * @param gensetChargeJ battery charge from the genset, joules
 * @param gensetOutputJ genset electrical output, joules
 * @param tractionJ energy into the traction drives while motoring above the idle threshold (below
 *     it a diesel locomotive idles, and its idle fuel covers that load), joules
 * @param dieselIdleS time a diesel locomotive would have idled, seconds
 * @param dieselL diesel burned by the genset, litres
 * @param integratedS time integrated, seconds
 */
public record EnergyTotals(
    double consumedJ,
    double regeneratedJ,
    double depotChargeJ,
    double gensetChargeJ,
    double gensetOutputJ,
    double tractionJ,
    double dieselIdleS,
    double dieselL,
    double integratedS) {

  /** Joules in one watt-hour. */
  public static final double J_PER_WH = 3600.0;

  public static EnergyTotals zero() {
    return new EnergyTotals(0, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  /** These registers after {@code flows} held for {@code dtS} seconds and {@code dieselL} litres burned. */
  public EnergyTotals plus(SampleFlows flows, double dtS, double dieselL) {
    return new EnergyTotals(
        consumedJ + flows.consumedW() * dtS,
        regeneratedJ + flows.regeneratedW() * dtS,
        depotChargeJ + flows.depotChargeW() * dtS,
        gensetChargeJ + flows.gensetChargeW() * dtS,
        gensetOutputJ + flows.gensetOutputW() * dtS,
        tractionJ + (flows.dieselIdling() ? 0 : flows.tractionW() * dtS),
        dieselIdleS + (flows.dieselIdling() ? dtS : 0),
        this.dieselL + dieselL,
        integratedS + dtS);
  }

  /** The registers' advance since {@code earlier}. */
  public EnergyTotals minus(EnergyTotals earlier) {
    return new EnergyTotals(
        consumedJ - earlier.consumedJ,
        regeneratedJ - earlier.regeneratedJ,
        depotChargeJ - earlier.depotChargeJ,
        gensetChargeJ - earlier.gensetChargeJ,
        gensetOutputJ - earlier.gensetOutputJ,
        tractionJ - earlier.tractionJ,
        dieselIdleS - earlier.dieselIdleS,
        dieselL - earlier.dieselL,
        integratedS - earlier.integratedS);
  }

  public double consumedWh() {
    return consumedJ / J_PER_WH;
  }

  public double regeneratedWh() {
    return regeneratedJ / J_PER_WH;
  }

  /** Whole watt-hours registered between {@code earlier} and this, for a register in joules. */
  static long wholeWhBetween(double earlierJ, double laterJ) {
    return wholeWh(laterJ) - wholeWh(earlierJ);
  }

  /** Whole watt-hours in a register of {@code joules}; a hair of tolerance absorbs rounding error. */
  static long wholeWh(double joules) {
    return (long) Math.floor(joules / J_PER_WH + 1e-9);
  }
}
