package io.locolink.gateway.devices;

/**
 * Driver for the TI INA228 20-bit power monitor (datasheet SBOSA20): shunt current, bus voltage
 * (through an external divider for a high-voltage pack), power, and the energy and charge
 * accumulators. Register values are decoded in {@link Ina228Codec}. Not thread-safe.
 */
public final class Ina228 implements AutoCloseable {

  /** Register addresses (datasheet section 7.6). */
  public static final int CONFIG = 0x00;
  public static final int ADC_CONFIG = 0x01;
  public static final int SHUNT_CAL = 0x02;
  public static final int VSHUNT = 0x04;
  public static final int VBUS = 0x05;
  public static final int DIETEMP = 0x06;
  public static final int CURRENT = 0x07;
  public static final int POWER = 0x08;
  public static final int ENERGY = 0x09;
  public static final int CHARGE = 0x0A;
  public static final int MANUFACTURER_ID = 0x3E;
  public static final int DEVICE_ID = 0x3F;

  /** "TI" in ASCII. */
  public static final int TI_MANUFACTURER_ID = 0x5449;

  /**
   * Continuous bus, shunt and temperature conversions (MODE 0xF), 1052 µs each, 16 averages:
   * a fresh averaged result about every 50 ms.
   */
  static final int ADC_CONFIG_CONTINUOUS_AVG16 = 0xF000 | (5 << 9) | (5 << 6) | (5 << 3) | 2;

  private final I2cRegisters registers;
  private final Ina228Codec codec;
  private boolean configured;

  /**
   * @param registers the chip's register access
   * @param shuntOhms shunt resistance, ohms
   * @param maxCurrentA largest expected current, amperes; sets CURRENT_LSB = max / 2^19
   * @param busDividerRatio external divider in front of VBUS (1 when none)
   */
  public Ina228(I2cRegisters registers, double shuntOhms, double maxCurrentA, double busDividerRatio) {
    this.registers = registers;
    this.codec = new Ina228Codec(shuntOhms, maxCurrentA, busDividerRatio);
  }

  public Ina228Codec codec() {
    return codec;
  }

  public String label() {
    return registers.label();
  }

  /** Checks the identity and programs CONFIG, ADC_CONFIG and SHUNT_CAL unless already done. */
  public void ensureConfigured() throws BusException {
    if (configured) {
      return;
    }
    int manufacturer = (int) registers.readUnsigned(MANUFACTURER_ID, 2);
    int device = (int) registers.readUnsigned(DEVICE_ID, 2);
    if (manufacturer != TI_MANUFACTURER_ID || (device >> 4) != 0x228) {
      throw new BusNackException(String.format("%s: not an INA228 (manufacturer 0x%04X, device 0x%04X)",
          label(), manufacturer, device));
    }
    registers.write16(CONFIG, 0x0000); // ADCRANGE 0: +-163.84 mV shunt range
    registers.write16(ADC_CONFIG, ADC_CONFIG_CONTINUOUS_AVG16);
    registers.write16(SHUNT_CAL, codec.shuntCal());
    configured = true;
  }

  /** Bus (pack) voltage behind the divider, volts. */
  public double busVoltageV() throws BusException {
    return read(() -> codec.busVoltageV(registers.readUnsigned(VBUS, 3)));
  }

  /** Current, amperes, positive when current flows into IN+ (wired: discharging). */
  public double currentA() throws BusException {
    return read(() -> codec.currentA(registers.readUnsigned(CURRENT, 3)));
  }

  /** Power magnitude, watts, as the chip computes it (|I| x VBUS, scaled by the divider). */
  public double powerW() throws BusException {
    return read(() -> codec.powerW(registers.readUnsigned(POWER, 3)));
  }

  /** Energy accumulated since power-up or the last accumulator reset, joules (unsigned). */
  public double energyJ() throws BusException {
    return read(() -> codec.energyJ(registers.readUnsigned(ENERGY, 5)));
  }

  /** Charge accumulated since power-up or the last accumulator reset, coulombs (signed). */
  public double chargeC() throws BusException {
    return read(() -> codec.chargeC(registers.readUnsigned(CHARGE, 5)));
  }

  /** Die temperature, degrees Celsius. */
  public double dieTemperatureC() throws BusException {
    return read(() -> Ina228Codec.dieTemperatureC((int) registers.readUnsigned(DIETEMP, 2)));
  }

  private double read(RegisterRead read) throws BusException {
    try {
      ensureConfigured();
      return read.get();
    } catch (BusException e) {
      configured = false; // the chip may have power-cycled: program it again on the next contact
      throw e;
    }
  }

  @FunctionalInterface
  private interface RegisterRead {
    double get() throws BusException;
  }

  @Override
  public void close() {
    registers.close();
  }
}
