package io.locolink.simulator.pi4j;

import io.locolink.gateway.devices.SampleClock;
import io.locolink.simulator.scenario.Scenario;
import io.locolink.simulator.scenario.ScenarioRunner;
import java.time.Instant;
import java.time.InstantSource;
import java.util.function.LongSupplier;

/**
 * The simulation and the gateway's sampling on one simulated clock: sample n is taken at the
 * scenario's start + n sample periods, and between two samples {@link #advance()} steps the
 * simulation by exactly one sample period. The gateway's UTC and monotonic clocks read that
 * instant, so a frame's samples are evenly spaced and the chips' pulse trains and conversions are
 * timed in the simulated time they happened in. {@code speed} only paces the cycles against the
 * wall clock: every speed gives the same samples for the same seed.
 *
 * <p>The runner must not be started in real time too: this clock is the only thing that steps
 * it. Threading: {@link #advance()} on the acquisition thread; the clocks from any thread.
 */
public final class LockstepClock implements SampleClock {

  private final ScenarioRunner runner;
  private final long samplePeriodNanos;
  private final double samplePeriodS;
  private final long wallPeriodNanos;
  private final Instant startUtc;
  private final long startNanos;
  private volatile long samples;

  private LockstepClock(ScenarioRunner runner, long samplePeriodNanos, long wallPeriodNanos) {
    this.runner = runner;
    this.samplePeriodNanos = samplePeriodNanos;
    this.samplePeriodS = samplePeriodNanos / 1e9;
    this.wallPeriodNanos = wallPeriodNanos;
    this.startUtc = runner.latest().utc();
    this.startNanos = Math.round(runner.latest().timeS() * 1e9);
  }

  /**
   * A clock that paces one sample period of simulated time per {@code 1 / speed} of it on the wall.
   *
   * @param runner the simulation, stepped only by this clock from now on
   * @param samplePeriodNanos the gateway's sample period; a whole number of the scenario's steps
   * @param speed simulated seconds per wall second, 1-100 (as {@code demo --speed})
   * @throws IllegalArgumentException if the speed is out of range or the step does not divide the period
   */
  public static LockstepClock paced(ScenarioRunner runner, long samplePeriodNanos, double speed) {
    if (!(speed >= 1 && speed <= 100)) {
      throw new IllegalArgumentException("speed must be between 1 and 100, got " + speed);
    }
    return new LockstepClock(checked(runner, samplePeriodNanos), samplePeriodNanos,
        Math.round(samplePeriodNanos / speed));
  }

  /** A clock that runs cycles back to back, as fast as the machine computes them. */
  public static LockstepClock flatOut(ScenarioRunner runner, long samplePeriodNanos) {
    return new LockstepClock(checked(runner, samplePeriodNanos), samplePeriodNanos, 0);
  }

  /**
   * The scenario with a physics step that divides {@code samplePeriodNanos}: itself if its step
   * already does, else the same scenario stepped once per sample period.
   */
  public static Scenario steppedForSampling(Scenario scenario, long samplePeriodNanos) {
    return divides(scenario.stepS(), samplePeriodNanos) ? scenario : scenario.withStepS(samplePeriodNanos / 1e9);
  }

  private static ScenarioRunner checked(ScenarioRunner runner, long samplePeriodNanos) {
    if (samplePeriodNanos <= 0) {
      throw new IllegalArgumentException("sample period must be > 0 ns, got " + samplePeriodNanos);
    }
    double stepS = runner.scenario().stepS();
    if (!divides(stepS, samplePeriodNanos)) {
      throw new IllegalArgumentException("the scenario's physics step of " + stepS + " s does not divide the sample "
          + "period of " + samplePeriodNanos / 1e9 + " s; run it with LockstepClock.steppedForSampling");
    }
    return runner;
  }

  private static boolean divides(double stepS, long periodNanos) {
    double steps = periodNanos / 1e9 / stepS;
    return steps >= 1 - 1e-9 && Math.abs(steps - Math.rint(steps)) < 1e-6;
  }

  @Override
  public InstantSource utc() {
    return () -> startUtc.plusNanos(samples * samplePeriodNanos);
  }

  @Override
  public LongSupplier monotonicNanos() {
    return () -> startNanos + samples * samplePeriodNanos;
  }

  @Override
  public long wallPeriodNanos() {
    return wallPeriodNanos;
  }

  /** Steps the simulation by one sample period; the clocks move on only once it has. */
  @Override
  public void advance() {
    runner.advance(samplePeriodS);
    samples++;
  }

  /** Sample periods the clock has advanced since the start. */
  public long periodsAdvanced() {
    return samples;
  }
}
