package io.locolink.simulator.physics;

/**
 * A diesel genset: rated electrical output and its fuel map (brake specific fuel consumption by
 * load), plus the start/stop thresholds of the strategy that holds the battery's state of charge.
 *
 * @param ratedElectricW rated electrical output, watts
 * @param alternatorEfficiency alternator and rectifier efficiency, 0..1
 * @param idleFuelLph fuel flow at idle, litres per hour
 * @param loadPoints shaft load fractions of the fuel map, ascending, 0..1
 * @param bsfcKgPerKwh brake specific fuel consumption at each load point, kg per kWh at the shaft
 * @param fuelDensityKgPerL diesel density, kilograms per litre
 * @param idleRpm engine speed at idle, rpm
 * @param ratedRpm engine speed at rated power, rpm
 * @param socStart start the engine when the battery falls below this state of charge
 * @param socStop stop the engine when the battery reaches this state of charge
 * @param chargeLoadFraction shaft load the strategy runs at while charging, 0..1
 * @param minRunS minimum run time once started, seconds
 * @param warmUpS time from crank to accepting load, seconds
 */
public record GensetSpec(
    double ratedElectricW,
    double alternatorEfficiency,
    double idleFuelLph,
    double[] loadPoints,
    double[] bsfcKgPerKwh,
    double fuelDensityKgPerL,
    double idleRpm,
    double ratedRpm,
    double socStart,
    double socStop,
    double chargeLoadFraction,
    double minRunS,
    double warmUpS) {

  public GensetSpec {
    loadPoints = loadPoints.clone();
    bsfcKgPerKwh = bsfcKgPerKwh.clone();
    if (loadPoints.length != bsfcKgPerKwh.length || loadPoints.length < 2) {
      throw new IllegalArgumentException("fuel map needs at least two matching load/bsfc points");
    }
    if (socStart >= socStop) {
      throw new IllegalArgumentException("socStart must be below socStop");
    }
  }

  /**
   * The reference 540 kW genset. Fuel map from the reference figures: ~0.210 kg/kWh at the shaft
   * at its best point (75 % load), rising at part load as a Willans line does; idle flow scaled
   * from ~25 L/h of a ~3,300 kW line-haul engine to this 540 kW engine (≈ 4.1 L/h) [est].
   */
  public static GensetSpec reference540kW() {
    return new GensetSpec(540_000, 0.95, 4.1,
        new double[] {0.10, 0.25, 0.50, 0.75, 1.00},
        new double[] {0.265, 0.228, 0.214, 0.210, 0.212},
        0.84, 600, 1_800, 0.35, 0.65, 0.75, 900, 45);
  }
}
