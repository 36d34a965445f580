package io.locolink.simulator.pi4j;

import com.pi4j.io.spi.SpiBase;
import com.pi4j.io.spi.SpiConfig;
import com.pi4j.io.spi.SpiProvider;
import io.locolink.simulator.chips.SpiChip;
import java.util.function.BooleanSupplier;

/**
 * A Pi4J SPI device served by an emulated chip, timed at the configured clock (8 bits per byte).
 * An absent chip reads all zeros, as a floating MISO with pull-down does; an active NACK fault
 * reads all ones, as a chip that lost power with MISO pulled up.
 */
final class SimSpi extends SpiBase {

  private final SpiChip chip;
  private final BooleanSupplier fault;
  private final EmulatedBusClock clock;

  SimSpi(SpiProvider provider, SpiConfig config, SpiChip chip, BooleanSupplier fault, EmulatedBusClock clock) {
    super(provider, config);
    this.chip = chip;
    this.fault = fault;
    this.clock = clock;
  }

  @Override
  public int transfer(byte[] write, int writeOffset, byte[] read, int readOffset, int numberOfBytes) {
    clock.advance(numberOfBytes * 8_000_000_000L / config.baud() + 2_000);
    if (chip == null) {
      java.util.Arrays.fill(read, readOffset, readOffset + numberOfBytes, (byte) 0);
    } else if (fault.getAsBoolean()) {
      java.util.Arrays.fill(read, readOffset, readOffset + numberOfBytes, (byte) 0xFF);
    } else {
      try {
        chip.transfer(write, writeOffset, read, readOffset, numberOfBytes);
      } catch (RuntimeException e) {
        throw new com.pi4j.io.exception.IOException("SPI device " + id + ": emulation failed: " + e, e);
      }
    }
    return numberOfBytes;
  }

  @Override
  public int read() {
    byte[] rx = new byte[1];
    transfer(new byte[1], 0, rx, 0, 1);
    return rx[0] & 0xFF;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) {
    return transfer(new byte[length], 0, buffer, offset, length);
  }

  @Override
  public int write(byte b) {
    return transfer(new byte[] {b}, 0, new byte[1], 0, 1);
  }

  @Override
  public int write(byte[] data, int offset, int length) {
    return transfer(data, offset, new byte[length], 0, length);
  }
}
