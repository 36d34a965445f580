package io.locolink.gateway.devices;

import java.time.InstantSource;
import java.util.function.LongSupplier;

/**
 * The one clock acquisition cycles run on: what time a sample carries, how much wall time lies
 * between two cycles, and how the world gets from one sample instant to the next.
 *
 * <p>On a locomotive the world moves by itself: {@link #system(long)} reads the system clocks,
 * paces cycles one sample period apart and {@link #advance()} does nothing. A simulation runs in
 * lockstep instead: its clock reads simulated time, and {@link #advance()} steps the simulation by
 * exactly one sample period, so each sample is taken at its own simulated instant however fast
 * the wall clock paces the cycles. Samples are therefore evenly spaced at the configured rate in
 * both cases, and nothing reads a clock that jumps. The {@link Platform} supplies it
 * ({@link Platform#sampleClock}): only the platform knows how its world moves.
 *
 * <p>Threading: {@link #advance()} is called only by the acquisition thread, between two cycles;
 * the clocks may be read from any thread.
 */
public interface SampleClock {

  /** UTC of the current sample instant. */
  InstantSource utc();

  /** A {@code System.nanoTime}-like clock at the current sample instant, for rates and schedules. */
  LongSupplier monotonicNanos();

  /** Wall-clock time between the starts of two cycles, nanoseconds; 0 runs cycles back to back. */
  long wallPeriodNanos();

  /** Brings the world to the next sample instant. Called between two cycles, never during one. */
  void advance();

  /**
   * The locomotive's clock: system UTC, {@link System#nanoTime()}, one cycle every sample period.
   *
   * @param samplePeriodNanos time between two samples, nanoseconds, > 0
   */
  static SampleClock system(long samplePeriodNanos) {
    return reading(InstantSource.system(), System::nanoTime, samplePeriodNanos);
  }

  /**
   * A clock for a world that moves by itself: the given clocks are read, {@link #advance()} does
   * nothing, and cycles start {@code wallPeriodNanos} apart.
   *
   * @param wallPeriodNanos wall time between two cycles, nanoseconds, > 0
   */
  static SampleClock reading(InstantSource utc, LongSupplier monotonicNanos, long wallPeriodNanos) {
    if (wallPeriodNanos <= 0) {
      throw new IllegalArgumentException("wall period must be > 0 ns, got " + wallPeriodNanos);
    }
    return new SampleClock() {
      @Override
      public InstantSource utc() {
        return utc;
      }

      @Override
      public LongSupplier monotonicNanos() {
        return monotonicNanos;
      }

      @Override
      public long wallPeriodNanos() {
        return wallPeriodNanos;
      }

      @Override
      public void advance() {
        // the world moves by itself
      }
    };
  }
}
