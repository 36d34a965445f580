package io.locolink.simulator.pi4j;

import com.pi4j.context.Context;
import io.locolink.gateway.config.DevicesConfig;
import io.locolink.gateway.devices.BusNackException;
import io.locolink.gateway.devices.Platform;
import io.locolink.gateway.devices.SampleClock;
import io.locolink.gateway.devices.SerialLink;
import io.locolink.simulator.faults.FaultInjector;
import io.locolink.simulator.faults.FaultPlan;
import io.locolink.simulator.scenario.Scenario;
import io.locolink.simulator.scenario.ScenarioRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;

/**
 * A scenario played behind the emulated board, in lockstep with the gateway's samples: the
 * platform's {@link #sampleClock} is a {@link LockstepClock} that steps the simulation by exactly
 * one sample period between two samples and paces the cycles at {@code speed} simulated seconds
 * per wall second. Nothing else steps the simulation, so every speed gives the same samples for the
 * same seed. What {@code locolink gateway --config} opens with {@code platform: simulator}, and what
 * the demo runs each locomotive on. Closing shuts the board down, then the scenario.
 */
public final class ScenarioPlatform implements Platform {

  private final SimulatedPlatform board;
  private final ScenarioRunner runner;
  private final LockstepClock clock;
  private final long samplePeriodNanos;
  private SimulatedClockFile clockFile;

  private ScenarioPlatform(SimulatedPlatform board, ScenarioRunner runner, LockstepClock clock,
      long samplePeriodNanos) {
    this.board = board;
    this.runner = runner;
    this.clock = clock;
    this.samplePeriodNanos = samplePeriodNanos;
  }

  /**
   * Builds the scenario (its physics step made to divide the sample period), the fault injector and
   * the emulated board wired as {@code devices}; the simulation stands at its start until the clock
   * is advanced.
   *
   * @param samplePeriodNanos the gateway's sample period, nanoseconds, > 0
   * @param speed simulated seconds per wall second, 1-100
   * @param seed seeds the scenario's driver, the faults and the chips' noise
   * @throws IllegalArgumentException if the speed or the period is out of range
   */
  public static ScenarioPlatform open(DevicesConfig devices, Scenario scenario, FaultPlan plan,
      long samplePeriodNanos, double speed, long seed) {
    ScenarioRunner runner = ScenarioRunner.create(LockstepClock.steppedForSampling(scenario, samplePeriodNanos), seed);
    try {
      LockstepClock clock = LockstepClock.paced(runner, samplePeriodNanos, speed);
      FaultInjector faults = FaultInjector.of(plan, seed);
      runner.addListener(faults.modelFaults());
      return new ScenarioPlatform(new SimulatedPlatform(devices, runner::latest, faults, seed), runner, clock,
          samplePeriodNanos);
    } catch (RuntimeException e) {
      runner.close();
      throw e;
    }
  }

  /**
   * As {@link #open}, the simulated clock kept in {@code stateDir} ({@link SimulatedClockFile}): it
   * starts where the last run's clock stood, carried forward at {@code speed} by the wall time since,
   * or at the wall clock's now when nothing was kept; the scenario itself starts from its beginning.
   * So a restart never stamps records earlier than the last run's.
   */
  public static ScenarioPlatform openKeepingClock(DevicesConfig devices, Scenario scenario, FaultPlan plan,
      long samplePeriodNanos, double speed, long seed, Path stateDir) {
    SimulatedClockFile file = new SimulatedClockFile(stateDir, InstantSource.system());
    return open(devices, scenario.startingAt(file.resumeAt(speed)), plan, samplePeriodNanos, speed, seed)
        .keepingClockIn(file);
  }

  /**
   * The lockstep clock: one per platform, advanced only by the acquisition cycles.
   *
   * @throws IllegalArgumentException if asked for another period than the platform was opened for
   */
  @Override
  public SampleClock sampleClock(long periodNanos) {
    if (periodNanos != samplePeriodNanos) {
      throw new IllegalArgumentException("this simulation is stepped for a sample period of " + samplePeriodNanos
          + " ns, not " + periodNanos + " ns");
    }
    SimulatedClockFile file = clockFile;
    return file == null ? clock : new ForwardingSampleClock(clock) {
      @Override
      public void advance() {
        clock.advance();
        file.saveThrottled(clock.utc().instant(), System.nanoTime());
      }
    };
  }

  /**
   * Keeps the simulated clock in {@code file} (saved once a wall second while the clock advances,
   * and at {@link #close()}), for a gateway that continues it after a restart. Call before
   * {@link #sampleClock}.
   */
  ScenarioPlatform keepingClockIn(SimulatedClockFile file) {
    this.clockFile = file;
    return this;
  }

  /** The simulation behind the board (its latest state, its energy ledger); stepped only by the clock. */
  public ScenarioRunner runner() {
    return runner;
  }

  /** Whether the alarm output on {@code pin} is on (empty until a driver claimed the pin). */
  public Optional<Boolean> output(int pin) {
    return board.output(pin);
  }

  @Override
  public String name() {
    return board.name();
  }

  @Override
  public Context pi4j() {
    return board.pi4j();
  }

  @Override
  public SerialLink openSerial(String device, int baud) throws BusNackException {
    return board.openSerial(device, baud);
  }

  @Override
  public void pause(Duration duration) {
    board.pause(duration);
  }

  @Override
  public void close() {
    try {
      if (clockFile != null) {
        clockFile.save(clock.utc().instant());
      }
      board.close();
    } finally {
      runner.close();
    }
  }
}
