package io.locolink.simulator.pi4j;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputConfig;
import com.pi4j.io.gpio.digital.DigitalOutputProviderBase;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The Pi4J digital output provider of the simulator; outputs can be inspected by pin. */
public final class SimDigitalOutputProvider extends DigitalOutputProviderBase {

  public static final String ID = "locolink-sim-dout";

  private final Map<Integer, DigitalOutput> outputs = new ConcurrentHashMap<>();

  SimDigitalOutputProvider() {
    super(ID, "LocoLink emulated digital outputs");
  }

  @Override
  public int getPriority() {
    return 100;
  }

  @Override
  public DigitalOutput create(DigitalOutputConfig config) {
    SimDigitalOutput output = new SimDigitalOutput(this, config);
    outputs.put(config.address(), output);
    return output;
  }

  /** The output on BCM pin {@code pin}, if a driver claimed it. */
  DigitalOutput output(int pin) {
    return outputs.get(pin);
  }
}
