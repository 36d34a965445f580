package io.locolink.gateway.devices;

/**
 * The INA228's register formats and LSBs (datasheet SBOSA20, section 8.1.2), in one place.
 * Immutable.
 */
public final class Ina228Codec {

  /** VBUS LSB, volts (195.3125 µV). */
  public static final double VBUS_LSB_V = 195.3125e-6;
  /** DIETEMP LSB, degrees Celsius (7.8125 m°C). */
  public static final double DIETEMP_LSB_C = 7.8125e-3;
  /** VSHUNT LSB with ADCRANGE = 0, volts (312.5 nV). */
  public static final double VSHUNT_LSB_V = 312.5e-9;

  private final double shuntOhms;
  private final double currentLsbA;
  private final double busDividerRatio;

  public Ina228Codec(double shuntOhms, double maxCurrentA, double busDividerRatio) {
    if (shuntOhms <= 0 || maxCurrentA <= 0 || busDividerRatio < 1) {
      throw new IllegalArgumentException("shunt, max current must be > 0 and divider >= 1");
    }
    this.shuntOhms = shuntOhms;
    this.currentLsbA = maxCurrentA / (1 << 19);
    this.busDividerRatio = busDividerRatio;
  }

  /** CURRENT_LSB = maximum expected current / 2^19, amperes. */
  public double currentLsbA() {
    return currentLsbA;
  }

  /** SHUNT_CAL = 13107.2e6 x CURRENT_LSB x R_SHUNT (ADCRANGE = 0), 15 bits. */
  public int shuntCal() {
    long cal = Math.round(13107.2e6 * currentLsbA * shuntOhms);
    if (cal < 1 || cal > 0x7FFF) {
      throw new IllegalArgumentException("SHUNT_CAL " + cal + " outside 1..32767: check shunt and max current");
    }
    return (int) cal;
  }

  /** The signed 20-bit value in bits 23..4 of a 24-bit register. */
  public static int signed20(long raw24) {
    int value = (int) ((raw24 >> 4) & 0xFFFFF);
    return (value << 12) >> 12;
  }

  /** The signed 40-bit value of a 40-bit register. */
  public static long signed40(long raw40) {
    return (raw40 << 24) >> 24;
  }

  public double busVoltageV(long raw24) {
    return signed20(raw24) * VBUS_LSB_V * busDividerRatio;
  }

  public double currentA(long raw24) {
    return signed20(raw24) * currentLsbA;
  }

  /** POWER is unsigned 24-bit; Power = 3.2 x CURRENT_LSB x POWER. */
  public double powerW(long raw24) {
    return 3.2 * currentLsbA * (raw24 & 0xFFFFFF) * busDividerRatio;
  }

  /** ENERGY is unsigned 40-bit; Energy = 16 x 3.2 x CURRENT_LSB x ENERGY. */
  public double energyJ(long raw40) {
    return 16 * 3.2 * currentLsbA * raw40 * busDividerRatio;
  }

  /** CHARGE is two's complement 40-bit; Charge = CURRENT_LSB x CHARGE. */
  public double chargeC(long raw40) {
    return currentLsbA * signed40(raw40);
  }

  /** DIETEMP is two's complement 16-bit at 7.8125 m°C per LSB. */
  public static double dieTemperatureC(int raw16) {
    return (short) raw16 * DIETEMP_LSB_C;
  }

  public double shuntOhms() {
    return shuntOhms;
  }

  public double busDividerRatio() {
    return busDividerRatio;
  }
}
