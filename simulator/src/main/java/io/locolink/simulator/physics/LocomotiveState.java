package io.locolink.simulator.physics;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The simulated locomotive's true state at one instant: the ground truth that emulated chips
 * serve to the gateway and that tests compare the gateway's estimates with.
 *
 * @param timeS simulated seconds since the scenario started
 * @param utc simulated UTC time
 * @param speedKmh true speed, km/h
 * @param odometerM distance travelled since the scenario started, metres
 * @param latitudeDeg position, WGS-84 degrees
 * @param longitudeDeg position, WGS-84 degrees
 * @param packVoltageV battery terminal voltage (sum of the series cells), volts
 * @param packCurrentA battery current, amperes, positive when discharging
 * @param cellVoltagesV terminal voltage of every series cell, volts
 * @param cellTemperaturesC every cell temperature sensor, degrees Celsius
 * @param balancing per cell, true while the BMS bleeds it
 * @param socTrue true state of charge, 0..1
 * @param sohTrue true state of health (capacity / rated), 0..1
 * @param insulationOhm DC bus insulation resistance to chassis, ohms
 * @param contactorClosed main contactors closed
 * @param stringsParallel parallel strings
 * @param drives every traction drive
 * @param genset the genset, empty on a pure battery locomotive
 * @param ambientC ambient temperature, degrees Celsius
 * @param keyOn driver's key switch
 * @param wheelEnergyJ cumulative mechanical energy at the wheels (traction positive), joules
 * @param batteryEnergyOutJ cumulative energy out of the battery terminals (charge negative), joules
 */
public record LocomotiveState(
    double timeS,
    Instant utc,
    double speedKmh,
    double odometerM,
    double latitudeDeg,
    double longitudeDeg,
    double packVoltageV,
    double packCurrentA,
    double[] cellVoltagesV,
    double[] cellTemperaturesC,
    boolean[] balancing,
    double socTrue,
    double sohTrue,
    double insulationOhm,
    boolean contactorClosed,
    int stringsParallel,
    List<DriveState> drives,
    Optional<GensetState> genset,
    double ambientC,
    boolean keyOn,
    double wheelEnergyJ,
    double batteryEnergyOutJ) {

  public LocomotiveState {
    Objects.requireNonNull(utc, "utc");
    drives = List.copyOf(drives);
    Objects.requireNonNull(genset, "genset");
    if (balancing.length != cellVoltagesV.length) {
      throw new IllegalArgumentException("balancing flags must match cells");
    }
  }

  /**
   * One traction drive's true state.
   *
   * @param dcCurrentA DC current into the inverter, amperes, positive when motoring
   * @param motorRpm motor speed, rpm
   * @param dcLinkV DC-link voltage, volts
   * @param windingC winding temperature, degrees Celsius
   * @param bearingC bearing temperature, degrees Celsius
   * @param inverterC inverter heatsink temperature, degrees Celsius
   * @param coolantC coolant temperature, degrees Celsius
   */
  public record DriveState(
      double dcCurrentA,
      double motorRpm,
      double dcLinkV,
      double windingC,
      double bearingC,
      double inverterC,
      double coolantC) {}

  /**
   * The genset's true state.
   *
   * @param running engine running
   * @param engineRpm engine speed, rpm
   * @param powerKw electrical output, kilowatts
   * @param fuelFlowLph fuel flow, litres per hour
   * @param fuelUsedL fuel used since the scenario started, litres
   * @param coolantC coolant temperature, degrees Celsius
   */
  public record GensetState(
      boolean running,
      double engineRpm,
      double powerKw,
      double fuelFlowLph,
      double fuelUsedL,
      double coolantC) {}
}
