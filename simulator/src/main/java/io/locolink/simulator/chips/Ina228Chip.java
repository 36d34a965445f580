package io.locolink.simulator.chips;

import io.locolink.simulator.faults.FaultInjector;
import io.locolink.simulator.physics.LocomotiveState;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;

/**
 * The TI INA228 as its datasheet (SBOSA20) describes it: 24-bit VSHUNT, VBUS and CURRENT with
 * the 20-bit value in bits 23..4; CURRENT = VSHUNT x 4096 / SHUNT_CAL (so a wrong SHUNT_CAL
 * reads wrong, as on the chip); unsigned POWER; ENERGY and CHARGE accumulated over simulated
 * time; reset values (SHUNT_CAL 0x1000, ADC_CONFIG 0xFB68); RST and RSTACC bits. Noise of about
 * two LSB on the ADC; faults act on the noisy value, so a stuck channel is frozen bit for bit. Not thread-safe; the emulated bus serialises access.
 */
public final class Ina228Chip implements I2cChip {

  private static final double VBUS_LSB = 195.3125e-6;
  private static final double DIETEMP_LSB = 7.8125e-3;

  private final String id;
  private final double shuntOhms;
  private final double dividerRatio;
  private final Supplier<LocomotiveState> state;
  private final ToDoubleFunction<LocomotiveState> volts;
  private final ToDoubleFunction<LocomotiveState> amps;
  private final FaultInjector faults;
  private final RandomGenerator random;
  private int config;
  private int adcConfig;
  private int shuntCal;
  private double energyRaw;
  private double chargeRaw;
  private double lastTimeS = Double.NaN;

  /**
   * @param id the Pi4J id of the device, prefix of its fault channels ({@code id.voltage}, {@code id.current})
   * @param volts the true voltage across the external divider's input, volts
   * @param amps the true current through the shunt, amperes
   */
  public Ina228Chip(String id, double shuntOhms, double dividerRatio, Supplier<LocomotiveState> state,
      ToDoubleFunction<LocomotiveState> volts, ToDoubleFunction<LocomotiveState> amps, FaultInjector faults,
      RandomGenerator random) {
    this.id = id;
    this.shuntOhms = shuntOhms;
    this.dividerRatio = dividerRatio;
    this.state = state;
    this.volts = volts;
    this.amps = amps;
    this.faults = faults;
    this.random = random;
    reset();
  }

  private void reset() {
    config = 0;
    adcConfig = 0xFB68;
    shuntCal = 0x1000;
    energyRaw = 0;
    chargeRaw = 0;
  }

  private boolean adcRangeLow() {
    return (config & 0x10) != 0;
  }

  private double vshuntLsb() {
    return adcRangeLow() ? 78.125e-9 : 312.5e-9;
  }

  private long vshuntRaw(LocomotiveState s) {
    double noiseA = random.nextGaussian() * 2 * vshuntLsb() / shuntOhms;
    double amps = faults.apply(id + ".current", this.amps.applyAsDouble(s) + noiseA, s.timeS());
    return Registers.clamp(Math.round(amps * shuntOhms / vshuntLsb()), -(1 << 19), (1 << 19) - 1);
  }

  private long vbusRaw(LocomotiveState s) {
    double noiseV = random.nextGaussian() * 2 * VBUS_LSB * dividerRatio;
    double v = faults.apply(id + ".voltage", volts.applyAsDouble(s) + noiseV, s.timeS()) / dividerRatio;
    return Registers.clamp(Math.round(v / VBUS_LSB), 0, (1 << 19) - 1);
  }

  private long currentRaw(long vshunt) {
    return Registers.clamp(Math.round(vshunt * 4096.0 / Math.max(1, shuntCal)), -(1 << 19), (1 << 19) - 1);
  }

  /** POWER = |CURRENT| x VBUS / (3.2 x CURRENT_LSB) with CURRENT_LSB = SHUNT_CAL / (13107.2e6 x R). */
  private double powerRaw(long vbus, long current) {
    double currentLsb = shuntCal / (13107.2e6 * shuntOhms * (adcRangeLow() ? 4 : 1));
    double watts = Math.abs(current * currentLsb) * vbus * VBUS_LSB;
    return watts / (3.2 * currentLsb);
  }

  private void accumulate(LocomotiveState s) {
    if (!Double.isNaN(lastTimeS) && s.timeS() > lastTimeS) {
      double dt = s.timeS() - lastTimeS;
      long vshunt = vshuntRaw(s);
      long current = currentRaw(vshunt);
      energyRaw += powerRaw(vbusRaw(s), current) * dt / 16.0;
      chargeRaw += current * dt;
    }
    lastTimeS = s.timeS();
  }

  @Override
  public void read(int register, byte[] buffer, int offset, int length) {
    LocomotiveState s = state.get();
    accumulate(s);
    long vshunt = vshuntRaw(s);
    long value = switch (register) {
      case 0x00 -> config;
      case 0x01 -> adcConfig;
      case 0x02 -> shuntCal;
      case 0x04 -> (vshunt & 0xFFFFF) << 4;
      case 0x05 -> vbusRaw(s) << 4;
      case 0x06 -> Math.round((s.ambientC() + 12 + random.nextGaussian() * 0.1) / DIETEMP_LSB) & 0xFFFF;
      case 0x07 -> (currentRaw(vshunt) & 0xFFFFF) << 4;
      case 0x08 -> Registers.clamp(Math.round(powerRaw(vbusRaw(s), currentRaw(vshunt))), 0, 0xFFFFFF);
      case 0x09 -> Math.round(energyRaw) & 0xFF_FFFF_FFFFL;
      case 0x0A -> Math.round(chargeRaw) & 0xFF_FFFF_FFFFL;
      case 0x0B -> 0x0001;
      case 0x3E -> 0x5449;
      case 0x3F -> 0x2281;
      default -> 0;
    };
    Registers.put(value, width(register), buffer, offset, length);
  }

  private static int width(int register) {
    return switch (register) {
      case 0x04, 0x05, 0x07, 0x08 -> 3;
      case 0x09, 0x0A -> 5;
      default -> 2;
    };
  }

  @Override
  public void write(int register, byte[] data, int offset, int length) {
    if (length < 2) {
      return;
    }
    int value = Registers.u16(data, offset);
    switch (register) {
      case 0x00 -> {
        if ((value & 0x8000) != 0) {
          reset();
          return;
        }
        if ((value & 0x4000) != 0) {
          energyRaw = 0;
          chargeRaw = 0;
        }
        config = value & 0x3FF0;
      }
      case 0x01 -> adcConfig = value;
      case 0x02 -> shuntCal = value & 0x7FFF;
      default -> { }
    }
  }
}
