package io.locolink.simulator.pi4j;

import io.locolink.gateway.devices.SampleClock;
import java.time.InstantSource;
import java.util.function.LongSupplier;

/**
 * A {@link SampleClock} that passes every call to another one: a base for clocks that change one
 * thing about a simulation's clock (what its UTC reads, what else happens when it advances) and
 * keep the rest. Threading as the clock it wraps.
 */
public abstract class ForwardingSampleClock implements SampleClock {

  /** The clock every call goes to unless a subclass says otherwise. */
  protected final SampleClock clock;

  protected ForwardingSampleClock(SampleClock clock) {
    this.clock = clock;
  }

  @Override
  public InstantSource utc() {
    return clock.utc();
  }

  @Override
  public LongSupplier monotonicNanos() {
    return clock.monotonicNanos();
  }

  @Override
  public long wallPeriodNanos() {
    return clock.wallPeriodNanos();
  }

  @Override
  public void advance() {
    clock.advance();
  }
}
