package io.locolink.simulator.faults;

import java.util.HashMap;
import java.util.Map;
import io.locolink.simulator.scenario.ScenarioListener;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.random.RandomGenerator;

/**
 * Answers the emulated chips' questions "is this fault active now?" and applies value faults
 * (stuck, noisy, drift) to true values, in simulated time. Thread-safe (synchronised), seeded.
 */
public final class FaultInjector {

  private final FaultPlan plan;
  private final RandomGenerator random;
  private final Map<String, Double> stuckValues = new HashMap<>();

  public FaultInjector(FaultPlan plan, RandomGenerator random) {
    this.plan = plan;
    this.random = random;
  }

  /** An injector for {@code plan} whose noise faults draw from a generator seeded with {@code seed}. */
  public static FaultInjector of(FaultPlan plan, long seed) {
    return new FaultInjector(plan, java.util.random.RandomGeneratorFactory.of("L64X128MixRandom").create(seed));
  }

  /** An injector that never injects anything. */
  public static FaultInjector none() {
    return new FaultInjector(FaultPlan.none(), java.util.random.RandomGeneratorFactory.of("L64X128MixRandom").create(0));
  }

  /** The first active fault of {@code kind} on {@code target} at {@code timeS}. */
  public synchronized Optional<Fault> active(FaultKind kind, String target, double timeS) {
    for (Fault fault : plan.faults()) {
      if (fault.kind() == kind && fault.target().equals(target) && fault.activeAt(timeS)) {
        return Optional.of(fault);
      }
    }
    return Optional.empty();
  }

  /** True while any fault of {@code kind} on {@code target} is active. */
  public boolean isActive(FaultKind kind, String target, double timeS) {
    return active(kind, target, timeS).isPresent();
  }

  /**
   * The value a channel shows: {@code truth}, frozen while stuck, with extra noise while noisy, shifted while offset,
   * plus the accumulated drift while drifting ({@link FaultKind#CELL_DRIFT} uses the channel name
   * {@code bms.cell[N]} with target N).
   */
  public synchronized double apply(String channel, double truth, double timeS) {
    double value = truth;
    Optional<Fault> stuck = active(FaultKind.STUCK, channel, timeS);
    if (stuck.isPresent()) {
      value = stuckValues.computeIfAbsent(channel, c -> truth);
    } else {
      stuckValues.remove(channel);
    }
    Optional<Fault> noisy = active(FaultKind.NOISY, channel, timeS);
    if (noisy.isPresent()) {
      value += random.nextGaussian() * noisy.get().magnitude();
    }
    Optional<Fault> offset = active(FaultKind.OFFSET, channel, timeS);
    if (offset.isPresent()) {
      value += offset.get().magnitude();
    }
    return value;
  }

  /**
   * The faults that act on the physics rather than on a chip (an insulation leak), as a scenario
   * listener: register it with the scenario runner, which calls it on its stepping thread.
   */
  public ScenarioListener modelFaults() {
    OptionalDouble[] applied = {OptionalDouble.empty()};
    return (state, model) -> {
      OptionalDouble leak = active(FaultKind.INSULATION_LEAK, "", state.timeS())
          .map(f -> OptionalDouble.of(f.magnitude())).orElse(OptionalDouble.empty());
      if (!leak.equals(applied[0])) {
        model.insulationLeak(leak);
        applied[0] = leak;
      }
    };
  }

  /** Drift of cell {@code index} at {@code timeS}, volts (0 when no drift fault is active). */
  public synchronized double cellDriftV(int index, double timeS) {
    return active(FaultKind.CELL_DRIFT, Integer.toString(index), timeS)
        .map(f -> f.magnitude() * (timeS - f.startS()))
        .orElse(0.0);
  }
}
