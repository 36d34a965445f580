package io.locolink.simulator.pi4j;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalInputProviderBase;
import java.util.Map;

/** The Pi4J digital input provider whose pins are driven by the simulated locomotive. */
public final class SimDigitalInputProvider extends DigitalInputProviderBase {

  public static final String ID = "locolink-sim-din";

  private final Map<Integer, DigitalSignal> signals;

  SimDigitalInputProvider(Map<Integer, DigitalSignal> signals) {
    super(ID, "LocoLink emulated digital inputs");
    this.signals = Map.copyOf(signals);
  }

  @Override
  public int getPriority() {
    return 100;
  }

  @Override
  public DigitalInput create(DigitalInputConfig config) {
    DigitalSignal signal = signals.getOrDefault(config.address(), LevelSignal.LOW);
    return new SimDigitalInput(this, config, signal);
  }
}
