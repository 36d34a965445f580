package io.locolink.gateway.devices;

import java.time.Duration;

/**
 * Driver for the TI ADS1115 16-bit ADC (datasheet SBAS444): single-shot conversions at 860 SPS,
 * one input multiplexer setting and gain per call. Not thread-safe.
 */
public final class Ads1115 implements AutoCloseable {

  public static final int CONVERSION = 0x00;
  public static final int CONFIG = 0x01;

  /** Nominal conversion time at 860 SPS plus the datasheet's 10 % data-rate tolerance. */
  static final Duration CONVERSION_TIME = Duration.ofNanos(1_280_000);
  private static final int MAX_POLLS = 4;

  /** Input multiplexer settings (config bits 14:12). */
  public enum Mux {
    AIN0_AIN1(0), AIN0_AIN3(1), AIN1_AIN3(2), AIN2_AIN3(3), AIN0(4), AIN1(5), AIN2(6), AIN3(7);

    final int code;

    Mux(int code) {
      this.code = code;
    }
  }

  /** Programmable gain: full-scale range in volts (config bits 11:9). */
  public enum Pga {
    FS_6_144(0, 6.144), FS_4_096(1, 4.096), FS_2_048(2, 2.048), FS_1_024(3, 1.024),
    FS_0_512(4, 0.512), FS_0_256(5, 0.256);

    final int code;
    final double fullScaleV;

    Pga(int code, double fullScaleV) {
      this.code = code;
      this.fullScaleV = fullScaleV;
    }

    /** One LSB, volts: full scale / 2^15. */
    public double lsbV() {
      return fullScaleV / 32768.0;
    }

    /** The PGA setting encoded in a config register value. */
    public static Pga ofConfig(int config) {
      int code = (config >> 9) & 0x7;
      return code >= 5 ? FS_0_256 : values()[code];
    }
  }

  private final I2cRegisters registers;
  private final Platform platform;

  public Ads1115(I2cRegisters registers, Platform platform) {
    this.registers = registers;
    this.platform = platform;
  }

  public String label() {
    return registers.label();
  }

  /**
   * The config word that starts one single-shot conversion: OS = 1, MUX, PGA, MODE = 1,
   * DR = 860 SPS (111), comparator disabled (COMP_QUE = 11).
   */
  public static int singleShotConfig(Mux mux, Pga pga) {
    return 0x8000 | (mux.code << 12) | (pga.code << 9) | 0x0100 | (0b111 << 5) | 0b11;
  }

  /** A conversion register value in volts at the given gain (two's complement). */
  public static double volts(int raw16, Pga pga) {
    return (short) raw16 * pga.lsbV();
  }

  /**
   * Runs one single-shot conversion and returns the input voltage, volts. Blocks for about
   * 1.3 ms (through {@link Platform#pause}).
   *
   * @throws BusTimeoutException if the conversion does not finish in a few conversion times
   * @throws BusNackException if the chip does not answer or did not take the configuration
   */
  public double readVolts(Mux mux, Pga pga) throws BusException {
    int wanted = singleShotConfig(mux, pga);
    registers.write16(CONFIG, wanted);
    for (int poll = 0; poll < MAX_POLLS; poll++) {
      platform.pause(CONVERSION_TIME);
      int config = (int) registers.readUnsigned(CONFIG, 2);
      if ((config & 0x8000) != 0) {
        if ((config & 0x7FFF) != (wanted & 0x7FFF)) {
          // the write did not take: the conversion register holds some other input's result
          throw new BusNackException(String.format("%s: config reads back 0x%04X, wrote 0x%04X", label(), config, wanted));
        }
        return volts((int) registers.readUnsigned(CONVERSION, 2), pga);
      }
    }
    throw new BusTimeoutException(label() + ": conversion did not finish");
  }

  @Override
  public void close() {
    registers.close();
  }
}
