package io.locolink.simulator.scenario;

import io.locolink.simulator.physics.LocomotiveState;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code simulator run}: runs a scenario (built-in or a file) and prints the locomotive's state as
 * CSV every so many simulated seconds, flat out or paced against the wall clock.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run a simulator scenario and print the locomotive's state as CSV.")
public final class ScenarioCommand implements Callable<Integer> {

  @Option(names = "--scenario", defaultValue = "shunting-day", paramLabel = "NAME",
      description = "Built-in scenario: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
      completionCandidates = BuiltIns.class)
  String scenario;

  @Option(names = "--file", paramLabel = "FILE", description = "Scenario file (YAML); overrides --scenario.")
  Optional<Path> file;

  @Option(names = "--seed", paramLabel = "N", description = "Seed instead of the scenario's own.")
  Optional<Long> seed;

  @Option(names = "--every", defaultValue = "60", paramLabel = "SECONDS",
      description = "Print a row every SECONDS simulated seconds (default: ${DEFAULT-VALUE}).")
  double everyS;

  @Option(names = "--time-scale", paramLabel = "X",
      description = "Pace: simulated seconds per wall second (default: as fast as possible).")
  Optional<Double> timeScale;

  @Spec
  CommandSpec spec;

  /** The built-in scenario names, for completion and help. */
  static final class BuiltIns extends java.util.ArrayList<String> {
    BuiltIns() {
      super(Scenarios.BUILT_IN);
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    if (!(everyS > 0)) {
      err.println("simulator run: --every must be > 0, got " + everyS);
      return 2;
    }
    Scenario s;
    try {
      s = file.map(Scenarios::load).orElseGet(() -> Scenarios.builtIn(scenario));
    } catch (ScenarioFormatException e) {
      err.println("simulator run: " + e.getMessage());
      return 2;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("time_s,utc,speed_kmh,odometer_m,lat,lon,pack_v,pack_a,soc,cell_min_v,cell_max_v,cell_min_c,cell_max_c,"
        + "winding_max_c,genset_kw,fuel_l,insulation_mohm");
    try (ScenarioRunner runner = seed.map(x -> ScenarioRunner.create(s, x)).orElseGet(() -> ScenarioRunner.create(s))) {
      if (timeScale.isEmpty()) {
        while (!runner.finished()) {
          print(out, runner.advance(everyS));
        }
        return 0;
      }
      CountDownLatch done = new CountDownLatch(1);
      double[] next = {0};
      runner.addListener((state, model) -> {
        if (state.timeS() >= next[0]) {
          next[0] += everyS;
          print(out, state);
        }
        if (runner.finished()) {
          done.countDown();
        }
      });
      runner.startRealTime(timeScale.get());
      while (!done.await(1, java.util.concurrent.TimeUnit.SECONDS) && !runner.finished()) {
        // waiting for the scenario to end
      }
      return 0;
    }
  }

  private static void print(PrintWriter out, LocomotiveState s) {
    double vMin = Double.POSITIVE_INFINITY;
    double vMax = Double.NEGATIVE_INFINITY;
    for (double v : s.cellVoltagesV()) {
      vMin = Math.min(vMin, v);
      vMax = Math.max(vMax, v);
    }
    double tMin = Double.POSITIVE_INFINITY;
    double tMax = Double.NEGATIVE_INFINITY;
    for (double t : s.cellTemperaturesC()) {
      tMin = Math.min(tMin, t);
      tMax = Math.max(tMax, t);
    }
    double winding = s.drives().stream().mapToDouble(LocomotiveState.DriveState::windingC).max().orElse(Double.NaN);
    out.println(String.format(Locale.ROOT, "%.1f,%s,%.2f,%.0f,%.6f,%.6f,%.1f,%.1f,%.4f,%.3f,%.3f,%.1f,%.1f,%.1f,%.1f,%.2f,%.2f",
        s.timeS(), s.utc(), s.speedKmh(), s.odometerM(), s.latitudeDeg(), s.longitudeDeg(), s.packVoltageV(),
        s.packCurrentA(), s.socTrue(), vMin, vMax, tMin, tMax, winding,
        s.genset().map(LocomotiveState.GensetState::powerKw).orElse(0.0),
        s.genset().map(LocomotiveState.GensetState::fuelUsedL).orElse(0.0), s.insulationOhm() / 1e6));
    out.flush();
  }
}
