package io.locolink.gateway.estimation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SoC against truth models the estimator does not share (another maker's OCV curve, OCV offsets, a
 * cold pack, an aged pack, a drifting current sensor) over the two shunting shifts of {@link
 * SocTruthDay}. Everywhere the reported one-sigma uncertainty covers the real error; the error
 * stays within 3 % except in the one case physics does not allow: an aged pack whose BMS still
 * reports SoH 100 %, before two rests far apart on the curve have shown the gateway the capacity.
 * From then on it holds 3 % as well. {@link SocRobustnessBench} prints the same runs.
 */
class SocRobustnessTest {

  private static final double LIMIT_PERCENT = 3.0;

  static Stream<SocTruthDay.Truth> independentTruths() {
    return SocTruthDay.TRUTHS.stream().filter(t -> !t.sharesEstimatorCurve());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("independentTruths")
  void uncertaintyCoversTheErrorAndTheErrorStaysWithinThreePercentWherePhysicsAllows(SocTruthDay.Truth truth) {
    SocTruthDay.Result r = SocTruthDay.run(truth);
    assertTrue(r.trueDrop() > 60, "the first shift worked the pack: " + r.trueDrop() + " points");
    assertTrue(r.worstExcess() <= 0, "the error exceeded the reported uncertainty by " + r.worstExcess() + " points");
    boolean capacityUnknown = truth.capacityFactor() * 100 < truth.bmsSohPercent() - 5;
    if (!capacityUnknown) {
      assertTrue(r.worstShift1() <= LIMIT_PERCENT, "worst error in the first shift " + r.worstShift1() + " %");
    }
    assertTrue(r.worstShift2() <= LIMIT_PERCENT, "worst error in the second shift " + r.worstShift2() + " %");
    // The SoH learned between the rests is the truth's capacity (the sensor's gain error, 1 %, and
    // the OCV readings' errors over a swing of about 90 points allow some 3 points).
    assertEquals(truth.capacityFactor() * 100, r.endSohPercent(), 3.0, "SoH learned");
  }
}
