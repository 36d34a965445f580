package io.locolink.simulator.pi4j;

import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiConfig;
import com.pi4j.io.spi.SpiProviderBase;
import io.locolink.simulator.chips.SpiChip;
import java.util.Map;
import java.util.function.Predicate;

/** The Pi4J SPI provider whose devices are emulated chips, found by bus and chip select. */
public final class SimSpiProvider extends SpiProviderBase {

  public static final String ID = "locolink-sim-spi";

  private final Map<String, SpiChip> chips;
  private final Predicate<String> fault;
  private final EmulatedBusClock clock;

  SimSpiProvider(Map<String, SpiChip> chips, Predicate<String> fault, EmulatedBusClock clock) {
    super(ID, "LocoLink emulated SPI");
    this.chips = Map.copyOf(chips);
    this.fault = fault;
    this.clock = clock;
  }

  static String key(int bus, int chipSelect) {
    return bus + ":" + chipSelect;
  }

  @Override
  public int getPriority() {
    return 100;
  }

  @Override
  public Spi create(SpiConfig config) {
    String id = config.id();
    SimSpi spi = new SimSpi(this, config, chips.get(key(config.bus().getBus(), config.chipSelect().getChipSelect())),
        () -> fault.test(id), clock);
    return spi;
  }
}
