package io.locolink.simulator.pi4j;

import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.io.i2c.I2CProviderBase;
import io.locolink.simulator.chips.I2cChip;
import java.util.Map;
import java.util.function.Predicate;

/** The Pi4J I2C provider whose devices are emulated chips, found by bus and address. */
public final class SimI2CProvider extends I2CProviderBase {

  public static final String ID = "locolink-sim-i2c";

  private final Map<String, I2cChip> chips;
  private final Predicate<String> nack;
  private final EmulatedBusClock clock;
  private final int busHz;

  /**
   * @param chips chips by {@link #key(int, int)}
   * @param nack true for a Pi4J id while a NACK fault hits that device
   */
  SimI2CProvider(Map<String, I2cChip> chips, Predicate<String> nack, EmulatedBusClock clock, int busHz) {
    super(ID, "LocoLink emulated I2C");
    this.chips = Map.copyOf(chips);
    this.nack = nack;
    this.clock = clock;
    this.busHz = busHz;
  }

  static String key(int bus, int address) {
    return bus + ":" + address;
  }

  @Override
  public int getPriority() {
    return 100;
  }

  @Override
  public I2C create(I2CConfig config) {
    String id = config.id();
    return new SimI2C(this, config, chips.get(key(config.bus(), config.device())), () -> nack.test(id), clock, busHz);
  }
}
