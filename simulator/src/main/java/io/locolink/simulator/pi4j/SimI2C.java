package io.locolink.simulator.pi4j;

import com.pi4j.io.exception.IOException;
import com.pi4j.io.i2c.I2CBase;
import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.io.i2c.I2CProvider;
import io.locolink.simulator.chips.I2cChip;
import java.util.function.BooleanSupplier;

/**
 * A Pi4J I2C device served by an emulated chip. Register reads and writes are timed on the
 * {@link EmulatedBusClock} (9 clocks per byte plus start, repeated start and stop); an absent chip
 * or an active NACK fault throws Pi4J's IOException as the linuxfs provider does on a NACK.
 */
final class SimI2C extends I2CBase<SimI2CBus> {

  private final I2cChip chip;
  private final BooleanSupplier nack;
  private final EmulatedBusClock clock;
  private final long nanosPerByte;

  SimI2C(I2CProvider provider, I2CConfig config, I2cChip chip, BooleanSupplier nack, EmulatedBusClock clock,
      int busHz) {
    super(provider, config, new SimI2CBus(config));
    this.chip = chip;
    this.nack = nack;
    this.clock = clock;
    this.nanosPerByte = 9_000_000_000L / busHz;
  }

  private void transaction(int bytes) {
    clock.advance((bytes + 1) * nanosPerByte);
    if (chip == null || nack.getAsBoolean()) {
      throw new IOException(String.format("I2C bus %d device 0x%02X: no ACK", config.bus(), config.device()));
    }
  }

  @Override
  public int readRegister(int register, byte[] buffer, int offset, int length) {
    transaction(3 + length);
    try {
      chip.read(register, buffer, offset, length);
    } catch (RuntimeException e) {
      throw emulationFailed(e);
    }
    return length;
  }

  @Override
  public int writeRegister(int register, byte[] data, int offset, int length) {
    transaction(2 + length);
    try {
      chip.write(register, data, offset, length);
    } catch (RuntimeException e) {
      throw emulationFailed(e);
    }
    return length;
  }

  /** A chip whose inputs the simulated state cannot supply (e.g. fewer drives than wired) stops answering. */
  private IOException emulationFailed(RuntimeException e) {
    return new IOException(String.format("I2C bus %d device 0x%02X: emulation failed: %s", config.bus(),
        config.device(), e), e);
  }

  @Override
  public int readRegister(int register) {
    byte[] one = new byte[1];
    readRegister(register, one, 0, 1);
    return one[0] & 0xFF;
  }

  @Override
  public int writeRegister(int register, byte b) {
    return writeRegister(register, new byte[] {b}, 0, 1);
  }

  @Override
  public int readRegister(byte[] register, byte[] buffer, int offset, int length) {
    return readRegister(register[0] & 0xFF, buffer, offset, length);
  }

  @Override
  public int writeRegister(byte[] register, byte[] data, int offset, int length) {
    return writeRegister(register[0] & 0xFF, data, offset, length);
  }

  @Override
  public int read() {
    throw new UnsupportedOperationException("emulated chips are register-addressed");
  }

  @Override
  public int read(byte[] buffer, int offset, int length) {
    throw new UnsupportedOperationException("emulated chips are register-addressed");
  }

  @Override
  public int write(byte b) {
    throw new UnsupportedOperationException("emulated chips are register-addressed");
  }

  @Override
  public int write(byte[] data, int offset, int length) {
    throw new UnsupportedOperationException("emulated chips are register-addressed");
  }
}
