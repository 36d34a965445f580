package io.locolink.simulator.pi4j;

import com.pi4j.io.gpio.digital.DigitalOutputBase;
import com.pi4j.io.gpio.digital.DigitalOutputConfig;
import com.pi4j.io.gpio.digital.DigitalOutputProvider;

/** A Pi4J digital output that only remembers its state (the alarm lamp of the simulator). */
final class SimDigitalOutput extends DigitalOutputBase {

  SimDigitalOutput(DigitalOutputProvider provider, DigitalOutputConfig config) {
    super(provider, config);
  }
}
