package io.locolink.simulator.scenario;

import io.locolink.simulator.physics.InitialConditions;
import io.locolink.simulator.physics.VehicleKind;
import java.util.List;
import java.util.Objects;

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
 */
public record Scenario(String name, String description, VehicleKind vehicle, String route, long seed,
    double stepS, InitialConditions initial, List<Phase> phases, List<String> faults) {

  public Scenario {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(vehicle, "vehicle");
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(initial, "initial");
    phases = List.copyOf(phases);
    faults = List.copyOf(faults);
    if (phases.isEmpty()) {
      throw new IllegalArgumentException("a scenario needs at least one phase");
    }
    if (!(stepS > 0 && stepS <= 5)) {
      throw new IllegalArgumentException("stepS must be in (0, 5]");
    }
  }

  /** Total simulated duration, seconds. */
  public double durationS() {
    return phases.stream().mapToDouble(Phase::durationS).sum();
  }

  /** The same scenario with another seed. */
  public Scenario withSeed(long otherSeed) {
    return new Scenario(name, description, vehicle, route, otherSeed, stepS, initial, phases, faults);
  }
}
