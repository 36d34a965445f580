package io.locolink.gateway.acquisition;

import java.util.Objects;

/**
 * The battery pack in one acquisition cycle: shunt voltage and current, and the BMS's view of
 * every cell. Cell arrays are indexed by cell number from 0; flag arrays run parallel to them.
 *
 * @param voltageV pack voltage at the shunt, volts
 * @param currentA pack current, amperes, positive when discharging
 * @param cellVoltagesV every series cell's voltage, volts
 * @param cellVoltageFlags quality mask per cell voltage
 * @param cellTemperaturesC every cell temperature sensor, degrees Celsius
 * @param cellTemperatureFlags quality mask per temperature sensor
 * @param bmsSocPercent state of charge as the BMS reports it, percent
 * @param bmsSohPercent state of health as the BMS reports it, percent
 * @param insulationKohm DC bus insulation resistance, kilo-ohm
 * @param contactor main contactor state
 * @param balancing one flag per cell, true while the BMS bleeds that cell
 * @param stringsParallel parallel strings in the pack (capacity multiplier)
 */
public record PackReadings(
    Reading voltageV,
    Reading currentA,
    double[] cellVoltagesV,
    int[] cellVoltageFlags,
    double[] cellTemperaturesC,
    int[] cellTemperatureFlags,
    Reading bmsSocPercent,
    Reading bmsSohPercent,
    Reading insulationKohm,
    Contactor contactor,
    boolean[] balancing,
    int stringsParallel) {

  public PackReadings {
    Objects.requireNonNull(voltageV, "voltageV");
    Objects.requireNonNull(currentA, "currentA");
    if (cellVoltagesV.length != cellVoltageFlags.length) {
      throw new IllegalArgumentException("cell voltage flags must match cells");
    }
    if (cellTemperaturesC.length != cellTemperatureFlags.length) {
      throw new IllegalArgumentException("cell temperature flags must match sensors");
    }
    if (balancing.length != cellVoltagesV.length) {
      throw new IllegalArgumentException("balancing flags must match cells");
    }
    if (stringsParallel < 1) {
      throw new IllegalArgumentException("stringsParallel must be >= 1");
    }
  }

  /** Pack power in watts, positive when discharging. */
  public double powerW() {
    return voltageV.value() * currentA.value();
  }

  public int cellCount() {
    return cellVoltagesV.length;
  }
}
