package io.locolink.simulator.physics;

/**
 * One traction drive (inverter, permanent-magnet synchronous motor, gearbox, wheelset) and its
 * thermal design.
 *
 * @param ratedPowerW continuous mechanical power at the wheel, watts
 * @param maxMotorRpm motor speed at the locomotive's top speed, rpm
 * @param topSpeedKmh locomotive top speed, km/h
 * @param wheelDiameterM wheel diameter, metres
 * @param copperLossAtPeakTorqueW copper loss at the drive's peak (adhesion) torque, watts
 * @param ironLossAtMaxRpmW iron and mechanical loss at top speed while energised, watts
 * @param inverterLossAtPeakW inverter conduction and switching loss at peak current, watts
 * @param windingHeatCapacityJPerK winding and stator iron heat capacity, joules per kelvin
 * @param windingToCoolantWPerK thermal conductance winding → coolant, watts per kelvin
 * @param inverterHeatCapacityJPerK heatsink heat capacity, joules per kelvin
 * @param inverterToCoolantWPerK thermal conductance heatsink → coolant, watts per kelvin
 * @param coolantHeatCapacityJPerK coolant loop heat capacity, joules per kelvin
 * @param radiatorWPerK radiator conductance to ambient, watts per kelvin
 */
public record DriveSpec(
    double ratedPowerW,
    double maxMotorRpm,
    double topSpeedKmh,
    double wheelDiameterM,
    double copperLossAtPeakTorqueW,
    double ironLossAtMaxRpmW,
    double inverterLossAtPeakW,
    double windingHeatCapacityJPerK,
    double windingToCoolantWPerK,
    double inverterHeatCapacityJPerK,
    double inverterToCoolantWPerK,
    double coolantHeatCapacityJPerK,
    double radiatorWPerK) {

  /**
   * One axle drive of 200 kW (six per locomotive, 1.2 MW), 4,200 rpm at 100 km/h, 1,050 mm
   * wheels [est]: 94–97 % motor + inverter efficiency at rated power between 40 and 100 km/h,
   * ~90 % at peak torque and base speed; the winding runs ~100–130 °C at continuous rated power.
   */
  public static DriveSpec axleDrive200kW() {
    return new DriveSpec(200_000, 4_200, 100, 1.05, 20_000, 12_000, 5_000, 60_000, 50, 15_000, 250, 150_000, 600);
  }

  /** Motor revolutions per metre travelled. */
  public double motorRevPerM() {
    double wheelRevPerM = 1.0 / (Math.PI * wheelDiameterM);
    double topSpeedMps = topSpeedKmh / 3.6;
    double gear = (maxMotorRpm / 60.0) / (topSpeedMps * wheelRevPerM);
    return wheelRevPerM * gear;
  }
}
