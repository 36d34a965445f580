package io.locolink.gateway.devices;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;

/** An {@link AlarmOutput} on one GPIO pin driving a relay or lamp driver, active high, off at start and close. */
public final class GpioAlarmOutput implements AlarmOutput {

  private final Context pi4j;
  private final DigitalOutput output;
  private boolean on;

  private GpioAlarmOutput(Context pi4j, DigitalOutput output) {
    this.pi4j = pi4j;
    this.output = output;
  }

  /** Claims BCM pin {@code pin} as an output, initially low. */
  public static GpioAlarmOutput open(Platform platform, int pin) {
    Context pi4j = platform.pi4j();
    return new GpioAlarmOutput(pi4j, pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("alarm-output")
        .address(pin).initial(DigitalState.LOW).shutdown(DigitalState.LOW).build()));
  }

  @Override
  public synchronized void set(boolean on) {
    if (on != this.on) {
      output.state(on ? DigitalState.HIGH : DigitalState.LOW);
      this.on = on;
    }
  }

  @Override
  public synchronized boolean isOn() {
    return on;
  }

  @Override
  public synchronized void close() {
    set(false);
    if (!pi4j.isShutdown()) {
      pi4j.shutdown(output);
    }
  }
}
