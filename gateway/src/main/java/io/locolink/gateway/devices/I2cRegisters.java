package io.locolink.gateway.devices;

import com.pi4j.context.Context;
import com.pi4j.exception.Pi4JException;
import com.pi4j.io.i2c.I2C;

/**
 * Big-endian register access to one I2C device through Pi4J, turning Pi4J's runtime failures into
 * {@link BusNackException}. Not thread-safe.
 */
public final class I2cRegisters implements AutoCloseable {

  private final I2C i2c;
  private final String label;

  private I2cRegisters(I2C i2c, String label) {
    this.i2c = i2c;
    this.label = label;
  }

  /** Opens the device at 7-bit {@code address} on I2C bus {@code bus} through the context's provider. */
  public static I2cRegisters open(Platform platform, String id, int bus, int address) {
    Context pi4j = platform.pi4j();
    I2C i2c = pi4j.create(I2C.newConfigBuilder(pi4j).id(id).bus(bus).device(address).build());
    return new I2cRegisters(i2c, String.format("%s (i2c-%d 0x%02X)", id, bus, address));
  }

  /** Reads a {@code bytes}-wide register, most significant byte first, as an unsigned number. */
  public long readUnsigned(int register, int bytes) throws BusNackException {
    byte[] raw = new byte[bytes];
    int read;
    try {
      read = i2c.readRegister(register, raw, 0, bytes);
    } catch (Pi4JException e) {
      throw new BusNackException(label + ": read of register 0x" + Integer.toHexString(register) + " failed: "
          + e.getMessage(), e);
    }
    if (read != bytes) {
      throw new BusNackException(label + ": register 0x" + Integer.toHexString(register) + " gave " + read + " of " + bytes + " bytes");
    }
    long value = 0;
    for (byte b : raw) {
      value = (value << 8) | (b & 0xFF);
    }
    return value;
  }

  /** Writes a 16-bit register, most significant byte first. */
  public void write16(int register, int value) throws BusNackException {
    byte[] raw = {(byte) (value >> 8), (byte) value};
    try {
      i2c.writeRegister(register, raw, 0, 2);
    } catch (Pi4JException e) {
      throw new BusNackException(label + ": write of register 0x" + Integer.toHexString(register) + " failed: "
          + e.getMessage(), e);
    }
  }

  /** Human-readable device label for health reports. */
  public String label() {
    return label;
  }

  @Override
  public void close() {
    i2c.close();
  }
}
