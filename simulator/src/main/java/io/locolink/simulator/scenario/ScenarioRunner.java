package io.locolink.simulator.scenario;

import io.locolink.simulator.physics.InitialConditions;
import io.locolink.simulator.physics.LocomotiveSimulation;
import io.locolink.simulator.physics.LocomotiveState;
import io.locolink.simulator.physics.Routes;
import io.locolink.simulator.physics.VehicleSpec;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a scenario's phases on a {@link LocomotiveSimulation} with the scenario's fixed time
 * step, either as fast as possible ({@link #runToEnd()}, {@link #advance(double)}) or paced
 * against a clock ({@link #startRealTime}). The same scenario and seed give the same states
 * whatever the pacing.
 *
 * <p>Threading: stepping is serialised on this runner; {@link #latest()} may be called from any
 * thread and returns an immutable snapshot (its arrays must not be modified by readers).
 * Listeners run on the stepping thread.
 */
public final class ScenarioRunner implements AutoCloseable {

  private static final double SNAPSHOT_EVERY_S = 1.0;
  private static final long TICK_MS = 100;
  private static final int MAX_STEPS_PER_TICK = 200_000;

  private final Scenario scenario;
  private final LocomotiveSimulation model;
  private final List<Duty> duties;
  private final List<ScenarioListener> listeners = new CopyOnWriteArrayList<>();
  private final Object stepLock = new Object();
  private volatile LocomotiveState latest;
  private volatile boolean finished;
  private int phaseIndex;
  private double phaseTimeS;
  private double simTimeS;
  private double nextSnapshotS;
  private ScheduledFuture<?> ticking;
  private ScheduledExecutorService ownScheduler;

  private ScenarioRunner(Scenario scenario, long seed) {
    this.scenario = scenario;
    SplittableRandom root = new SplittableRandom(seed);
    VehicleSpec spec = scenario.vehicleSpec();
    InitialConditions init = scenario.initial();
    this.model = new LocomotiveSimulation(spec, Routes.named(scenario.route()), init, root.split());
    SplittableRandom dutyRoot = root.split();
    this.duties = scenario.phases().stream().map(p -> p.newDuty(dutyRoot.split())).toList();
    startPhase(0);
    this.latest = model.state();
  }

  /** A runner for a scenario with the scenario's own seed. */
  public static ScenarioRunner create(Scenario scenario) {
    return new ScenarioRunner(Objects.requireNonNull(scenario, "scenario"), scenario.seed());
  }

  /** A runner for a scenario with another seed. */
  public static ScenarioRunner create(Scenario scenario, long seed) {
    return new ScenarioRunner(Objects.requireNonNull(scenario, "scenario"), seed);
  }

  /** Adds a listener; it sees every snapshot published after this call. */
  public void addListener(ScenarioListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** The latest published state; safe from any thread. */
  public LocomotiveState latest() {
    return latest;
  }

  /** Whether every phase has run. */
  public boolean finished() {
    return finished;
  }

  /** The scenario being run. */
  public Scenario scenario() {
    return scenario;
  }

  /**
   * The model. Only for use on the stepping thread (inside a listener) or after the run; the
   * runner does not share it safely.
   */
  public LocomotiveSimulation model() {
    return model;
  }

  /**
   * Steps as fast as possible until every phase has run. Blocks the calling thread.
   *
   * @return the final state
   */
  public LocomotiveState runToEnd() {
    synchronized (stepLock) {
      while (stepOnce()) {
        // stepping
      }
      publish();
      return latest;
    }
  }

  /**
   * Steps as fast as possible for a stretch of simulated time (or until the scenario ends).
   * Blocks the calling thread.
   *
   * @param simulatedS simulated seconds to advance
   * @return the state afterwards
   */
  public LocomotiveState advance(double simulatedS) {
    synchronized (stepLock) {
      double until = simTimeS + simulatedS - scenario.stepS() / 2;
      while (simTimeS < until && stepOnce()) {
        // stepping
      }
      publish();
      return latest;
    }
  }

  /**
   * Starts stepping on the scheduler's thread every 100 ms so that simulated time follows the
   * clock times {@code timeScale} (1 = real time). Returns at once; stop with {@link #close()}.
   *
   * @param scheduler runs the ticks; not shut down by this runner
   * @param clock the wall clock the pace follows
   * @param timeScale simulated seconds per clock second, > 0
   * @throws IllegalStateException if already started
   */
  public void startRealTime(ScheduledExecutorService scheduler, InstantSource clock, double timeScale) {
    if (!(timeScale > 0)) {
      throw new IllegalArgumentException("timeScale must be > 0");
    }
    synchronized (stepLock) {
      if (ticking != null) {
        throw new IllegalStateException("runner already started");
      }
      long wallStartMs = clock.millis();
      double simStartS = simTimeS;
      ticking = scheduler.scheduleAtFixedRate(() -> tick(clock, wallStartMs, simStartS, timeScale),
          0, TICK_MS, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Starts real-time stepping on a daemon thread of its own against the system clock.
   *
   * @param timeScale simulated seconds per wall second (1 = real time)
   */
  public void startRealTime(double timeScale) {
    ScheduledExecutorService own = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "scenario-" + scenario.name());
      t.setDaemon(true);
      return t;
    });
    synchronized (stepLock) {
      ownScheduler = own;
    }
    startRealTime(own, InstantSource.system(), timeScale);
  }

  private void tick(InstantSource clock, long wallStartMs, double simStartS, double timeScale) {
    synchronized (stepLock) {
      double target = simStartS + (clock.millis() - wallStartMs) / 1000.0 * timeScale;
      int steps = 0;
      while (simTimeS + scenario.stepS() <= target + 1e-9 && steps < MAX_STEPS_PER_TICK && stepOnce()) {
        steps++;
      }
      if (steps > 0) {
        publish();
      }
      if (finished && ticking != null) {
        ticking.cancel(false);
      }
    }
  }

  /** Stops real-time stepping (if started) and its own thread (if any). Idempotent. */
  @Override
  public void close() {
    synchronized (stepLock) {
      if (ticking != null) {
        ticking.cancel(false);
      }
      if (ownScheduler != null) {
        ownScheduler.shutdownNow();
        ownScheduler = null;
      }
    }
  }

  private boolean stepOnce() {
    rollPhases();
    if (finished) {
      return false;
    }
    model.command(duties.get(phaseIndex).next(phaseTimeS, model));
    model.step(scenario.stepS());
    phaseTimeS += scenario.stepS();
    simTimeS += scenario.stepS();
    rollPhases();
    if (simTimeS >= nextSnapshotS - 1e-9 || finished) {
      nextSnapshotS += SNAPSHOT_EVERY_S;
      publish();
    }
    return true;
  }

  /** Moves on past every phase whose time is up; marks the run finished after the last. */
  private void rollPhases() {
    while (phaseIndex < duties.size() && phaseTimeS >= scenario.phases().get(phaseIndex).durationS() - 1e-9) {
      startPhase(phaseIndex + 1);
    }
    if (phaseIndex >= duties.size()) {
      finished = true;
    }
  }

  private void startPhase(int index) {
    phaseIndex = index;
    phaseTimeS = 0;
    if (index < scenario.phases().size()) {
      scenario.phases().get(index).ambientC().ifPresent(model::ambientC);
    }
  }

  private void publish() {
    LocomotiveState s = model.state();
    if (s == latest) {
      return;
    }
    latest = s;
    for (ScenarioListener l : listeners) {
      l.onState(s, model);
    }
  }
}
