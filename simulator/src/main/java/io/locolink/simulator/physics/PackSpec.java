package io.locolink.simulator.physics;

/**
 * A traction battery's build: series positions of parallel LFP cells, the per-cell Thevenin
 * parameters at 25 °C, manufacturing spread and the pack's thermal design.
 *
 * @param seriesCells series positions (each one a block of {@code parallelStrings} cells)
 * @param parallelStrings cells in parallel at each series position
 * @param cellCapacityAh rated capacity of one cell, ampere-hours
 * @param cellR0Ohm ohmic resistance of one cell at 25 °C, ohms
 * @param cellR1Ohm polarisation resistance of one cell at 25 °C, ohms
 * @param tau1S polarisation time constant R1·C1, seconds
 * @param capacitySpreadRel one standard deviation of cell capacity, relative
 * @param resistanceSpreadRel one standard deviation of cell resistance, relative
 * @param stateOfHealth capacity of the average cell against rated, 0..1
 * @param cellHeatCapacityJPerK heat capacity of one cell, joules per kelvin
 * @param enclosureUaWPerK heat loss of the whole pack enclosure to ambient, watts per kelvin
 * @param heaterW pack heater power, watts
 * @param coolingW pack chiller capacity, watts
 */
public record PackSpec(
    int seriesCells,
    int parallelStrings,
    double cellCapacityAh,
    double cellR0Ohm,
    double cellR1Ohm,
    double tau1S,
    double capacitySpreadRel,
    double resistanceSpreadRel,
    double stateOfHealth,
    double cellHeatCapacityJPerK,
    double enclosureUaWPerK,
    double heaterW,
    double coolingW) {

  public PackSpec {
    if (seriesCells < 1 || parallelStrings < 1) {
      throw new IllegalArgumentException("pack needs at least one cell in series and in parallel");
    }
    if (cellCapacityAh <= 0 || cellR0Ohm <= 0 || cellR1Ohm <= 0 || tau1S <= 0) {
      throw new IllegalArgumentException("cell capacity, resistances and time constant must be > 0");
    }
    if (stateOfHealth <= 0 || stateOfHealth > 1) {
      throw new IllegalArgumentException("stateOfHealth must be in (0, 1]: " + stateOfHealth);
    }
  }

  /**
   * The reference pack: 216 series × 5 parallel 280 Ah LFP cells (≈ 970 kWh, 691 V nominal),
   * R0 = R1 = 0.18 mΩ per cell, τ = 45 s; 2 % capacity and 5 % resistance spread [est]; a
   * 5.4 kg cell at ~1 kJ/(kg·K); an insulated enclosure (240 W/K) with a 40 kW heater.
   */
  public static PackSpec reference() {
    return new PackSpec(216, 5, 280, 0.18e-3, 0.18e-3, 45, 0.02, 0.05, 0.98, 5_400, 240, 40_000, 30_000);
  }

  /** The same cells in another topology. */
  public PackSpec withTopology(int series, int parallel) {
    return new PackSpec(series, parallel, cellCapacityAh, cellR0Ohm, cellR1Ohm, tau1S, capacitySpreadRel,
        resistanceSpreadRel, stateOfHealth, cellHeatCapacityJPerK, enclosureUaWPerK, heaterW, coolingW);
  }

  /** Rated pack capacity, ampere-hours (rated cell capacity × parallel strings). */
  public double ratedPackAh() {
    return cellCapacityAh * parallelStrings;
  }
}
