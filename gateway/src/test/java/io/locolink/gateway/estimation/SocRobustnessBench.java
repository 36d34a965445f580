package io.locolink.gateway.estimation;

import java.util.Locale;

/**
 * SoC error against truth models the estimator does not share (another LFP cell's OCV curve, OCV
 * offsets of +-10 mV, a cold pack, an aged pack, a drifting current sensor), over the two shunting
 * shifts of {@link SocTruthDay}. Prints, per model, the worst error in each shift, the error and the
 * reported one-sigma uncertainty at the end, the worst amount by which the error exceeded the
 * reported uncertainty, and the SoH the estimator learned. Run as a main class on the gateway's test
 * class path (see BENCHMARKS.md); no arguments. {@code SocRobustnessTest} asserts the same runs.
 */
public final class SocRobustnessBench {

  private SocRobustnessBench() {}

  public static void main(String[] args) {
    System.out.println("| truth model | true drop in shift 1 | worst error, shift 1 | worst error, shift 2"
        + " | error at the end | reported uncertainty at the end | worst excess of error over uncertainty"
        + " | SoH learned |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (SocTruthDay.Truth t : SocTruthDay.TRUTHS) {
      SocTruthDay.Result r = SocTruthDay.run(t);
      System.out.printf(Locale.ROOT, "| %s | %.1f points | %.2f %% | %.2f %% | %.2f %% | %.2f %% | %.2f %% | %.1f %% |%n",
          t.name(), r.trueDrop(), r.worstShift1(), r.worstShift2(), r.endError(), r.endSigma(), r.worstExcess(),
          r.endSohPercent());
    }
  }
}
