package io.locolink.gateway.estimation;

import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * A shunting day's battery power, second by second: segments of 60-180 s at a throttle notch drawn
 * with the EPA 40 CFR 1033.530 shunting shares (idle 59.8 %, N1 12.4 ... N8 0.8 %), notch power
 * fractions 5 ... 100 % of the rated traction power, 15 kW of auxiliaries throughout, and after
 * each segment at N3 or above 20 s of regenerative braking at 30 % of its power.
 */
final class ShuntingDay {

  private static final double[] SHARE = {59.8, 12.4, 12.3, 5.8, 3.6, 3.6, 1.5, 0.2, 0.8};
  private static final double[] POWER_FRACTION = {0, 0.05, 0.12, 0.22, 0.34, 0.49, 0.66, 0.83, 1.00};
  static final double AUX_W = 15_000;

  private final RandomGenerator random;
  private final double ratedW;
  private int remainingS;
  private double segmentW;
  private int brakingS;
  private double brakingW;

  ShuntingDay(long seed, double ratedW) {
    this.random = new Random(seed);
    this.ratedW = ratedW;
  }

  /** Battery power for the next second, watts, positive = discharge. */
  double nextSecondW() {
    if (remainingS == 0 && brakingS == 0) {
      int notch = drawNotch();
      remainingS = 60 + random.nextInt(121);
      segmentW = POWER_FRACTION[notch] * ratedW;
      if (notch >= 3) {
        brakingS = 20;
        brakingW = 0.3 * segmentW;
      }
    }
    if (remainingS > 0) {
      remainingS--;
      return segmentW + AUX_W;
    }
    brakingS--;
    return AUX_W - brakingW;
  }

  private int drawNotch() {
    double x = random.nextDouble() * 100;
    for (int i = 0; i < SHARE.length; i++) {
      x -= SHARE[i];
      if (x < 0) {
        return i;
      }
    }
    return 0;
  }
}
