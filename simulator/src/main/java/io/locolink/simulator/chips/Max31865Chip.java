package io.locolink.simulator.chips;

import io.locolink.simulator.faults.FaultInjector;
import io.locolink.simulator.faults.FaultKind;
import io.locolink.simulator.physics.LocomotiveState;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;

/**
 * The Maxim MAX31865 with a PT100 as its datasheet describes it: eight registers read at address
 * 0x00-0x07 and written at 0x80-0x86 with auto-increment; conversions only while VBIAS and
 * automatic mode are on, the first one {@link #FIRST_CONVERSION_S} after they are switched on
 * (the RTD register reads 0 until then); a 15-bit RTD ratio against the reference resistor with the fault bit in
 * bit 0; the high and low threshold faults latch until the fault-clear bit is written. An open
 * RTD (fault {@code dead-sensor:ID}) reads full scale. Not thread-safe.
 */
public final class Max31865Chip implements SpiChip {

  private final String id;
  private final double referenceOhm;
  private final Supplier<LocomotiveState> state;
  private final ToDoubleFunction<LocomotiveState> celsius;
  private final FaultInjector faults;
  private final RandomGenerator random;
  /** Bias settling plus the first 50 Hz-filtered conversion, seconds. */
  static final double FIRST_CONVERSION_S = 0.066;

  private final int[] registers = new int[8];
  private double enabledAtS = Double.NaN;

  public Max31865Chip(String id, double referenceOhm, Supplier<LocomotiveState> state,
      ToDoubleFunction<LocomotiveState> celsius, FaultInjector faults, RandomGenerator random) {
    this.id = id;
    this.referenceOhm = referenceOhm;
    this.state = state;
    this.celsius = celsius;
    this.faults = faults;
    this.random = random;
    registers[3] = 0xFF;
    registers[4] = 0xFF;
  }

  /** PT100 resistance by Callendar–Van Dusen (IEC 60751 coefficients), ohms. */
  static double pt100Ohm(double t) {
    double r = 100 * (1 + 3.9083e-3 * t - 5.775e-7 * t * t);
    return t < 0 ? r + 100 * -4.183e-12 * (t - 100) * t * t * t : r;
  }

  @Override
  public void transfer(byte[] tx, int txOffset, byte[] rx, int rxOffset, int length) {
    if (length == 0) {
      return;
    }
    int address = tx[txOffset] & 0xFF;
    rx[rxOffset] = 0;
    if ((address & 0x80) != 0) {
      for (int i = 1; i < length; i++) {
        write(((address & 0x7F) + i - 1) & 0x7, tx[txOffset + i] & 0xFF);
      }
      return;
    }
    if ((address & 0x7) <= 2) {
      convert();
    }
    for (int i = 1; i < length; i++) {
      rx[rxOffset + i] = (byte) registers[((address & 0x7) + i - 1) & 0x7];
    }
  }

  private void write(int register, int value) {
    switch (register) {
      case 0 -> {
        if ((value & 0x02) != 0) {
          registers[7] = 0;
          registers[2] &= 0xFE;
        }
        boolean wasOn = (registers[0] & 0xC0) == 0xC0;
        registers[0] = value & 0xFD;
        boolean on = (registers[0] & 0xC0) == 0xC0;
        if (on && !wasOn) {
          enabledAtS = state.get().timeS();
        } else if (!on) {
          enabledAtS = Double.NaN;
        }
      }
      case 3, 4, 5, 6 -> registers[register] = value;
      default -> { }
    }
  }

  private void convert() {
    LocomotiveState s = state.get();
    if (Double.isNaN(enabledAtS) || s.timeS() < enabledAtS + FIRST_CONVERSION_S) {
      return;
    }
    int code;
    if (faults.isActive(FaultKind.DEAD_SENSOR, id, s.timeS())) {
      code = 0x7FFF;
    } else {
      double t = faults.apply(id, celsius.applyAsDouble(s) + random.nextGaussian() * 0.01, s.timeS());
      code = (int) Registers.clamp(Math.round(pt100Ohm(t) / referenceOhm * 32768), 0, 0x7FFF);
    }
    int high = ((registers[3] << 8) | registers[4]) >> 1;
    int low = ((registers[5] << 8) | registers[6]) >> 1;
    if (code >= high) {
      registers[7] |= 0x80;
    }
    if (code < low) {
      registers[7] |= 0x40;
    }
    int word = (code << 1) | (registers[7] != 0 ? 1 : 0);
    registers[1] = (word >> 8) & 0xFF;
    registers[2] = word & 0xFF;
  }
}
