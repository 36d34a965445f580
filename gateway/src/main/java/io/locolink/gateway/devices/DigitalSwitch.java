package io.locolink.gateway.devices;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.PullResistance;

/** A contact read as a GPIO level (key switch, contactor auxiliary contact), active high. */
public final class DigitalSwitch implements AutoCloseable {

  private final Context pi4j;
  private final DigitalInput input;

  private DigitalSwitch(Context pi4j, DigitalInput input) {
    this.pi4j = pi4j;
    this.input = input;
  }

  /** Reads BCM pin {@code pin} with the pull-down and a 10 ms debounce. */
  public static DigitalSwitch open(Platform platform, String id, int pin) {
    Context pi4j = platform.pi4j();
    return new DigitalSwitch(pi4j, pi4j.create(DigitalInput.newConfigBuilder(pi4j).id(id).address(pin)
        .pull(PullResistance.PULL_DOWN).debounce(10_000L).build()));
  }

  /** True while the contact is closed (pin high). */
  public boolean closed() {
    return input.state().isHigh();
  }

  @Override
  public void close() {
    if (!pi4j.isShutdown()) {
      pi4j.shutdown(input);
    }
  }
}
