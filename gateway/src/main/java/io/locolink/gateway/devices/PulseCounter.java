package io.locolink.gateway.devices;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.PullResistance;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts both edges on a GPIO input (wheel-speed sensor, motor encoder output, fuel-flow meter).
 * Edges arrive on Pi4J's event thread; {@link #edges()} may be called from any thread.
 */
public final class PulseCounter implements AutoCloseable {

  private final Context pi4j;
  private final DigitalInput input;
  private final AtomicLong edges = new AtomicLong();

  private PulseCounter(Context pi4j, DigitalInput input) {
    this.pi4j = pi4j;
    this.input = input;
    input.addListener(event -> edges.incrementAndGet());
  }

  /** Listens on BCM pin {@code pin} with the pull-down and no debounce (pulses are fast). */
  public static PulseCounter open(Platform platform, String id, int pin) {
    Context pi4j = platform.pi4j();
    DigitalInput input = pi4j.create(DigitalInput.newConfigBuilder(pi4j).id(id).address(pin)
        .pull(PullResistance.PULL_DOWN).debounce(0L).build());
    return new PulseCounter(pi4j, input);
  }

  /**
   * Edges counted since the counter was opened. Reads the pin's level too, which lets an
   * emulated input deliver the edges it owes before the count is taken.
   */
  public long edges() {
    input.state();
    return edges.get();
  }

  @Override
  public void close() {
    if (!pi4j.isShutdown()) {
      pi4j.shutdown(input);
    }
  }
}
