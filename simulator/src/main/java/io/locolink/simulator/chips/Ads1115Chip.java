package io.locolink.simulator.chips;

import io.locolink.simulator.faults.FaultInjector;
import io.locolink.simulator.physics.LocomotiveState;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;

/**
 * The TI ADS1115 as its datasheet (SBAS444) describes it: config register reset 0x8583; writing
 * OS = 1 in single-shot mode starts a conversion that takes 1/DR of bus time, during which OS
 * reads 0; the result is two's complement at FSR/2^15, clipped at full scale; about 62.5 µV of
 * input noise (faults act on the noisy input). Channels are {@code id.ain0} .. {@code id.ain3} for faults. Not thread-safe.
 */
public final class Ads1115Chip implements I2cChip {

  private static final int[] SPS = {8, 16, 32, 64, 128, 250, 475, 860};
  private static final double[] FSR = {6.144, 4.096, 2.048, 1.024, 0.512, 0.256, 0.256, 0.256};

  private final String id;
  private final Supplier<LocomotiveState> state;
  private final ToDoubleFunction<LocomotiveState>[] inputs;
  private final LongSupplier busNanos;
  private final FaultInjector faults;
  private final RandomGenerator random;
  private int config = 0x8583;
  private int conversion;
  private long readyAtNanos;

  /**
   * @param inputs the true voltage at AIN0..AIN3 against ground, volts
   * @param busNanos the emulated bus clock, which times the conversion
   */
  @SafeVarargs
  public Ads1115Chip(String id, Supplier<LocomotiveState> state, LongSupplier busNanos, FaultInjector faults,
      RandomGenerator random, ToDoubleFunction<LocomotiveState>... inputs) {
    if (inputs.length != 4) {
      throw new IllegalArgumentException("an ADS1115 has four inputs");
    }
    this.id = id;
    this.state = state;
    this.inputs = inputs;
    this.busNanos = busNanos;
    this.faults = faults;
    this.random = random;
  }

  private boolean converting() {
    return busNanos.getAsLong() - readyAtNanos < 0;
  }

  @Override
  public void read(int register, byte[] buffer, int offset, int length) {
    int value = switch (register & 0x3) {
      case 0 -> conversion;
      case 1 -> converting() ? config & 0x7FFF : config | 0x8000;
      case 2 -> 0x8000;
      default -> 0x7FFF;
    };
    Registers.put(value, 2, buffer, offset, length);
  }

  @Override
  public void write(int register, byte[] data, int offset, int length) {
    if (length < 2 || (register & 0x3) != 1) {
      return;
    }
    int value = Registers.u16(data, offset);
    boolean singleShot = (value & 0x0100) != 0;
    boolean start = (value & 0x8000) != 0 && singleShot && !converting();
    int result = start ? convert(value) : conversion; // sample first: a failed sample changes nothing
    config = value & 0x7FFF;
    if (start) {
      int dr = (value >> 5) & 0x7;
      readyAtNanos = busNanos.getAsLong() + 1_000_000_000L / SPS[dr];
      conversion = result;
    }
  }

  private int convert(int value) {
    LocomotiveState s = state.get();
    int mux = (value >> 12) & 0x7;
    double fsr = FSR[(value >> 9) & 0x7];
    double volts = switch (mux) {
      case 0 -> ain(0, s) - ain(1, s);
      case 1 -> ain(0, s) - ain(3, s);
      case 2 -> ain(1, s) - ain(3, s);
      case 3 -> ain(2, s) - ain(3, s);
      default -> ain(mux - 4, s);
    };
    long code = Math.round(volts / fsr * 32768.0);
    return (int) Registers.clamp(code, -32768, 32767) & 0xFFFF;
  }

  private double ain(int channel, LocomotiveState s) {
    double noise = random.nextGaussian() * 62.5e-6;
    return faults.apply(id + ".ain" + channel, inputs[channel].applyAsDouble(s) + noise, s.timeS());
  }
}
