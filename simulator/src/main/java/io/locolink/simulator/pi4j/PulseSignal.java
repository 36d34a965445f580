package io.locolink.simulator.pi4j;

import io.locolink.simulator.physics.LocomotiveState;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * A pulse train whose edge count follows a cumulative quantity of the simulated state (wheel
 * revolutions from the odometer, motor revolutions integrated from rpm, litres of fuel):
 * two edges per pulse. Thread-safe (synchronised).
 */
final class PulseSignal implements DigitalSignal {

  private final Supplier<LocomotiveState> state;
  private final ToDoubleFunction<LocomotiveState> pulsesSoFar;

  PulseSignal(Supplier<LocomotiveState> state, ToDoubleFunction<LocomotiveState> pulsesSoFar) {
    this.state = state;
    this.pulsesSoFar = pulsesSoFar;
  }

  /** A train from a rate (pulses per second) integrated over simulated time. */
  static PulseSignal integrating(Supplier<LocomotiveState> state, ToDoubleFunction<LocomotiveState> pulsesPerSecond) {
    double[] total = {0};
    double[] lastTime = {Double.NaN};
    return new PulseSignal(state, s -> {
      synchronized (total) {
        if (!Double.isNaN(lastTime[0]) && s.timeS() > lastTime[0]) {
          total[0] += pulsesPerSecond.applyAsDouble(s) * (s.timeS() - lastTime[0]);
        }
        lastTime[0] = s.timeS();
        return total[0];
      }
    });
  }

  @Override
  public synchronized long edges() {
    return (long) Math.floor(2 * Math.max(0, pulsesSoFar.applyAsDouble(state.get())));
  }

  @Override
  public boolean high() {
    return (edges() & 1) == 1;
  }
}
