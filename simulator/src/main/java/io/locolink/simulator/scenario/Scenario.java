package io.locolink.simulator.scenario;

import io.locolink.simulator.physics.InitialConditions;
import io.locolink.simulator.physics.VehicleKind;
import io.locolink.simulator.physics.VehicleSpec;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed, validated scenario: which locomotive, where, from when, on what duty, with which
 * seed; plus the raw fault entries for the fault injector.
 *
 * @param name scenario name
 * @param description what it shows
 * @param vehicle hybrid or battery
 * @param route built-in route name (see {@code Routes})
 * @param seed seed of every random draw
 * @param stepS physics time step, seconds
 * @param initial where and how the locomotive starts
 * @param phases the duty phases, run in order
 * @param faults the {@code faults:} entries as written: a scalar entry as its text, a mapping
 *     or list entry as compact JSON; interpreted by the fault injector, not here
 * @param build the vehicle's pack topology and drive count when they differ from the reference
 */
public record Scenario(String name, String description, VehicleKind vehicle, String route, long seed,
    double stepS, InitialConditions initial, List<Phase> phases, List<String> faults, Optional<Build> build) {

  public Scenario {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(vehicle, "vehicle");
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(initial, "initial");
    phases = List.copyOf(phases);
    faults = List.copyOf(faults);
    Objects.requireNonNull(build, "build");
    if (phases.isEmpty()) {
      throw new IllegalArgumentException("a scenario needs at least one phase");
    }
    if (!(stepS > 0 && stepS <= 5)) {
      throw new IllegalArgumentException("stepS must be in (0, 5]");
    }
  }

  /**
   * A vehicle build other than the reference.
   *
   * @param seriesCells series positions of the pack (1..400)
   * @param parallelStrings parallel cells at each position (1..20)
   * @param drives traction drives of 200 kW each (1..12)
   */
  public record Build(int seriesCells, int parallelStrings, int drives) {
    public Build {
      if (seriesCells < 1 || seriesCells > 400) {
        throw new IllegalArgumentException("key 'build.seriesCells' must be in 1..400");
      }
      if (parallelStrings < 1 || parallelStrings > 20) {
        throw new IllegalArgumentException("key 'build.parallelStrings' must be in 1..20");
      }
      if (drives < 1 || drives > 12) {
        throw new IllegalArgumentException("key 'build.drives' must be in 1..12");
      }
    }
  }

  /** The scenario without faults or build overrides (for code that assembles scenarios). */
  public static Scenario of(String name, VehicleKind vehicle, String route, long seed, double stepS,
      InitialConditions initial, List<Phase> phases) {
    return new Scenario(name, "", vehicle, route, seed, stepS, initial, phases, List.of(), Optional.empty());
  }

  /** The locomotive this scenario runs: the reference hybrid or battery one, with any build applied. */
  public VehicleSpec vehicleSpec() {
    VehicleSpec reference = vehicle == VehicleKind.HYBRID ? VehicleSpec.hybridShunter() : VehicleSpec.batteryLocomotive();
    return build.map(b -> reference.withBuild(b.seriesCells(), b.parallelStrings(), b.drives())).orElse(reference);
  }

  /** The same scenario starting at another UTC instant. */
  public Scenario startingAt(Instant startUtc) {
    InitialConditions i = initial;
    return new Scenario(name, description, vehicle, route, seed, stepS, new InitialConditions(startUtc, i.positionM(),
        i.direction(), i.soc(), i.vehicleC(), i.ambientC(), i.load()), phases, faults, build);
  }

  /** The same scenario with another physics step, seconds. */
  public Scenario withStepS(double otherStepS) {
    return new Scenario(name, description, vehicle, route, seed, otherStepS, initial, phases, faults, build);
  }

  /** Total simulated duration, seconds. */
  public double durationS() {
    return phases.stream().mapToDouble(Phase::durationS).sum();
  }

  /** The same scenario with another seed. */
  public Scenario withSeed(long otherSeed) {
    return new Scenario(name, description, vehicle, route, otherSeed, stepS, initial, phases, faults, build);
  }
}
