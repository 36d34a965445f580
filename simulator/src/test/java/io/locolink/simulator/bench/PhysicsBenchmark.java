package io.locolink.simulator.bench;

import io.locolink.simulator.physics.LocomotiveSimulation;
import io.locolink.simulator.scenario.Duty;
import io.locolink.simulator.scenario.Scenario;
import io.locolink.simulator.scenario.ScenarioRunner;
import io.locolink.simulator.scenario.Scenarios;
import java.util.SplittableRandom;

/**
 * One locomotive, physics alone: simulated seconds per wall second on the shunting day.
 * Measures (a) the model and its duty cycle stepping flat out, (b) the same through the
 * scenario runner with a state snapshot every simulated second. Run as a main class; prints a
 * Markdown table row for BENCHMARKS.md.
 */
public final class PhysicsBenchmark {

  private PhysicsBenchmark() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Scenario builtIn = Scenarios.builtIn("shunting-day");
    for (double stepS : new double[] {0.5, 0.1}) {
      measure(builtIn.withStepS(stepS), rounds);
    }
  }

  private static void measure(Scenario day, int rounds) {
    for (int i = 0; i < 2; i++) {
      stepOnly(day);
      ScenarioRunner.create(day).runToEnd();
    }
    double bestStep = 0;
    double bestRunner = 0;
    for (int i = 0; i < rounds; i++) {
      bestStep = Math.max(bestStep, stepOnly(day));
      long t0 = System.nanoTime();
      ScenarioRunner.create(day).runToEnd();
      bestRunner = Math.max(bestRunner, day.durationS() / ((System.nanoTime() - t0) / 1e9));
    }
    System.out.printf("| shunting-day, dt %.1f s | model + duty | %,.0f x |%n", day.stepS(), bestStep);
    System.out.printf("| shunting-day, dt %.1f s | runner, snapshot every simulated s | %,.0f x |%n", day.stepS(), bestRunner);
  }

  /** Simulated seconds per wall second of the bare model and duty. */
  private static double stepOnly(Scenario day) {
    ScenarioRunner runner = ScenarioRunner.create(day);
    LocomotiveSimulation model = runner.model();
    Duty duty = day.phases().get(0).newDuty(new SplittableRandom(day.seed()));
    double dt = day.stepS();
    int steps = (int) Math.round(day.durationS() / dt);
    long t0 = System.nanoTime();
    for (int i = 0; i < steps; i++) {
      model.command(duty.next(i * dt, model));
      model.step(dt);
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    if (model.state().timeS() < day.durationS() - dt) {
      throw new IllegalStateException("benchmark did not run the whole day");
    }
    return day.durationS() / wall;
  }
}
