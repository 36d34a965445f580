package io.locolink.gateway.devices;

import com.pi4j.context.Context;
import com.pi4j.exception.Pi4JException;
import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiBus;
import com.pi4j.io.spi.SpiChipSelect;
import com.pi4j.io.spi.SpiMode;
import java.util.OptionalDouble;

/**
 * Driver for the Maxim MAX31865 RTD-to-digital converter with a PT100 (datasheet 19-6478), in
 * automatic conversion mode with the 50 Hz filter, over SPI mode 1. Not thread-safe.
 */
public final class Max31865 implements AutoCloseable {

  public static final int REG_CONFIG = 0x00;
  public static final int REG_RTD_MSB = 0x01;
  public static final int REG_HIGH_FAULT_MSB = 0x03;
  public static final int REG_FAULT_STATUS = 0x07;
  /** Address bit that turns a register address into a write. */
  public static final int WRITE = 0x80;

  /** VBIAS on, automatic conversions, 50 Hz filter (D7, D6, D0). */
  public static final int CONFIG_AUTO_50HZ = 0xC1;
  /** Fault status clear (D1), self-clearing. */
  public static final int CONFIG_FAULT_CLEAR = 0x02;

  private final Spi spi;
  private final String label;
  private final double referenceOhm;
  private final int lowThresholdCode;
  private final int highThresholdCode;
  private boolean configured;

  private Max31865(Spi spi, String label, double referenceOhm, double minC, double maxC) {
    this.spi = spi;
    this.label = label;
    this.referenceOhm = referenceOhm;
    this.lowThresholdCode = code(Pt100.resistanceOhm(minC));
    this.highThresholdCode = code(Pt100.resistanceOhm(maxC));
  }

  /**
   * Opens the converter on {@code bus}/{@code chipSelect} at {@code baud} (≤ 5 MHz).
   *
   * @param referenceOhm the board's reference resistor (430 Ω for a PT100)
   * @param minC lowest plausible temperature: below it the chip raises its low-threshold fault
   * @param maxC highest plausible temperature: above it the chip raises its high-threshold fault
   */
  public static Max31865 open(Platform platform, String id, int bus, int chipSelect, int baud,
      double referenceOhm, double minC, double maxC) {
    Context pi4j = platform.pi4j();
    Spi spi = pi4j.create(Spi.newConfigBuilder(pi4j).id(id).bus(SpiBus.getByNumber(bus))
        .chipSelect(SpiChipSelect.valueOf("CS_" + chipSelect)).mode(SpiMode.MODE_1).baud(baud).build());
    return new Max31865(spi, String.format("%s (spi%d.%d)", id, bus, chipSelect), referenceOhm, minC, maxC);
  }

  private int code(double ohm) {
    return (int) Math.round(ohm / referenceOhm * 32768.0);
  }

  public String label() {
    return label;
  }

  /** Resistance for a 15-bit RTD code (RTD register bits 15..1), ohms. */
  public static double resistanceOhm(int code15, double referenceOhm) {
    return code15 * referenceOhm / 32768.0;
  }

  /**
   * Reads the latest conversion, degrees Celsius; empty until the first automatic conversion after
   * (re)configuration has finished (about 66 ms with the 50 Hz filter: the RTD register reads 0
   * until then, which no connected RTD can produce without a fault).
   *
   * @throws SensorFaultException if the chip flags a fault (open or shorted RTD, out of thresholds)
   */
  public OptionalDouble temperatureC() throws BusException {
    try {
      if (!configured) {
        configure();
      }
      byte[] rx = transfer(new byte[] {REG_RTD_MSB, 0, 0});
      int word = ((rx[1] & 0xFF) << 8) | (rx[2] & 0xFF);
      if ((word & 1) != 0) {
        int status = transfer(new byte[] {REG_FAULT_STATUS, 0})[1] & 0xFF;
        transfer(new byte[] {(byte) (WRITE | REG_CONFIG), (byte) (CONFIG_AUTO_50HZ | CONFIG_FAULT_CLEAR)});
        throw new SensorFaultException(String.format("%s: RTD fault, status 0x%02X", label, status));
      }
      if (word == 0) {
        return OptionalDouble.empty();
      }
      return OptionalDouble.of(Pt100.temperatureC(resistanceOhm(word >> 1, referenceOhm)));
    } catch (BusNackException | BusTimeoutException e) {
      configured = false;
      throw e;
    }
  }

  private void configure() throws BusException {
    int high = highThresholdCode << 1;
    int low = lowThresholdCode << 1;
    transfer(new byte[] {(byte) (WRITE | REG_HIGH_FAULT_MSB), (byte) (high >> 8), (byte) high,
        (byte) (low >> 8), (byte) low});
    transfer(new byte[] {(byte) (WRITE | REG_CONFIG), (byte) (CONFIG_AUTO_50HZ | CONFIG_FAULT_CLEAR)});
    int config = transfer(new byte[] {REG_CONFIG, 0})[1] & 0xFF;
    if ((config & 0xFD) != CONFIG_AUTO_50HZ) {
      throw new BusNackException(String.format("%s: config reads back 0x%02X", label, config));
    }
    configured = true;
  }

  private byte[] transfer(byte[] tx) throws BusNackException {
    byte[] rx = new byte[tx.length];
    try {
      int n = spi.transfer(tx, 0, rx, 0, tx.length);
      if (n != tx.length) {
        throw new BusNackException(label + ": SPI transfer moved " + n + " of " + tx.length + " bytes");
      }
    } catch (Pi4JException e) {
      throw new BusNackException(label + ": SPI transfer failed", e);
    }
    return rx;
  }

  @Override
  public void close() {
    spi.close();
  }
}
