package io.locolink.simulator.physics;

import java.util.OptionalDouble;
import java.util.random.RandomGenerator;

/**
 * DC bus insulation resistance to chassis: a healthy pack in the megaohm range (log-normal
 * around 10 MΩ per vehicle), higher in the cold, with a slow mean-reverting drift, and an
 * optional leak path in parallel that a fault can add. Not thread-safe.
 */
public final class InsulationModel {

  private static final double DRIFT_TAU_S = 3_600;
  private static final double DRIFT_SIGMA = 0.05;

  private final double baseOhm;
  private final RandomGenerator rng;
  private double drift;
  private OptionalDouble leakOhm = OptionalDouble.empty();

  /** Draws this vehicle's base resistance from {@code rng}, which it keeps for the drift. */
  public InsulationModel(RandomGenerator rng) {
    this.rng = rng;
    this.baseOhm = Math.exp(Math.log(10e6) + 0.3 * Math.max(-3, Math.min(3, rng.nextGaussian())));
  }

  /** Advances the drift by one step. */
  public void step(double dtS) {
    double a = dtS / DRIFT_TAU_S;
    drift += -drift * a + DRIFT_SIGMA * Math.sqrt(2 * a) * rng.nextGaussian();
  }

  /** Adds (or with an empty value removes) a leak path to chassis, ohms. */
  public void leak(OptionalDouble ohm) {
    this.leakOhm = ohm;
  }

  /**
   * Insulation resistance now, ohms.
   *
   * @param packC pack temperature, degrees Celsius
   */
  public double ohm(double packC) {
    double temperatureFactor = Math.max(0.5, Math.min(4, Math.pow(2, (20 - packC) / 15)));
    double healthy = baseOhm * temperatureFactor * Math.exp(drift);
    if (leakOhm.isEmpty()) {
      return healthy;
    }
    return 1 / (1 / healthy + 1 / leakOhm.getAsDouble());
  }
}
