package io.locolink.simulator.pi4j;

import com.pi4j.io.gpio.digital.DigitalInputBase;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalInputProvider;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Pi4J digital input driven by a {@link DigitalSignal}. Edges of a pulse train are delivered to
 * listeners, on the caller's thread, whenever the pin is read: the emulation has no thread of its
 * own, so a reader sees every edge the simulated time owes it before it reads.
 */
final class SimDigitalInput extends DigitalInputBase {

  private static final Logger LOG = LoggerFactory.getLogger(SimDigitalInput.class);

  private final DigitalSignal signal;
  private long delivered;
  private boolean level;
  private boolean warned;

  SimDigitalInput(DigitalInputProvider provider, DigitalInputConfig config, DigitalSignal signal) {
    super(provider, config);
    this.signal = signal;
    long start;
    try {
      start = signal.edges();
    } catch (RuntimeException e) {
      start = 0;
    }
    this.delivered = start;
  }

  @Override
  public synchronized DigitalState state() {
    long owed;
    try {
      owed = signal.edges() - delivered;
    } catch (RuntimeException e) {
      // the simulated state cannot drive this pin (e.g. fewer drives than wired): a disconnected input
      if (!warned) {
        LOG.warn("emulated input {} (GPIO {}) is disconnected: {}", id, config.address(), e.getMessage());
        warned = true;
      }
      return level ? DigitalState.HIGH : DigitalState.LOW;
    }
    if (owed > 0) {
      for (long i = 0; i < owed; i++) {
        level = !level;
        dispatch(new DigitalStateChangeEvent<>(this, level ? DigitalState.HIGH : DigitalState.LOW));
      }
      delivered += owed;
      return level ? DigitalState.HIGH : DigitalState.LOW;
    }
    boolean high = delivered == 0 ? signal.high() : level;
    return high ? DigitalState.HIGH : DigitalState.LOW;
  }
}
