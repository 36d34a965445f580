package io.locolink.gateway.config;

/**
 * A BMS vendor's Modbus register map: a named, versioned profile (YAML key
 * {@code devices.pack.bms.profile}), every key required. Every value is one 16-bit register unless
 * said otherwise. A temperature register reading 0x8000 marks a failed sensor.
 *
 * @param name profile name
 * @param version profile version; bump it when any address or scale changes
 * @param function 3 (holding registers) or 4 (input registers)
 * @param cellVoltageStart first cell's voltage; one register per series cell, unsigned
 * @param cellVoltageScaleV volts per count of a cell voltage register
 * @param cellTemperatureStart first temperature sensor; one register per sensor, signed
 * @param cellTemperatureScaleC degrees Celsius per count of a temperature register
 * @param socRegister state of charge, unsigned
 * @param sohRegister state of health, unsigned
 * @param percentScale percent per count of the SoC and SoH registers
 * @param insulationRegister insulation resistance, kilo-ohms per count, unsigned
 * @param contactorRegister contactor state: 0 open, 1 precharge, 2 closed
 * @param balancingStart balancing flags, 16 cells per register, cell n at bit n mod 16
 */
public record BmsRegisterMap(
    String name,
    int version,
    int function,
    int cellVoltageStart,
    double cellVoltageScaleV,
    int cellTemperatureStart,
    double cellTemperatureScaleC,
    int socRegister,
    int sohRegister,
    double percentScale,
    int insulationRegister,
    int contactorRegister,
    int balancingStart) {

  public BmsRegisterMap {
    if (name == null || name.isBlank()) {
      throw new ConfigException("name", "must not be empty");
    }
    if (function != 3 && function != 4) {
      throw new ConfigException("function", "must be 3 (holding) or 4 (input registers), got " + function);
    }
    for (int address : new int[] {cellVoltageStart, cellTemperatureStart, socRegister, sohRegister, insulationRegister,
        contactorRegister, balancingStart}) {
      ConfigException.requireRange("register addresses", address, 0, 0xFFFF);
    }
    ConfigException.requireRange("cellVoltageScaleV", cellVoltageScaleV, 1e-6, 1.0);
    ConfigException.requireRange("cellTemperatureScaleC", cellTemperatureScaleC, 1e-3, 10.0);
    ConfigException.requireRange("percentScale", percentScale, 1e-3, 10.0);
  }

  /**
   * The built-in profile {@code locolink-bms} version 1, input registers (0x04): cells from 0x0000
   * in mV, temperatures from 0x1000 in 0.1 °C, SoC 0x2000 and SoH 0x2001 in 0.1 %, insulation
   * 0x2002 in kΩ, contactor 0x2003, balancing bits from 0x3000. Documented in deploy/hardware.md.
   */
  public static BmsRegisterMap builtIn() {
    return new BmsRegisterMap("locolink-bms", 1, 4, 0x0000, 0.001, 0x1000, 0.1, 0x2000, 0x2001, 0.1,
        0x2002, 0x2003, 0x3000);
  }
}
