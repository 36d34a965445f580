package io.locolink.simulator.testing;

/**
 * The locomotive reference's open-circuit voltage table of the A123 cell, written out here so that
 * tests compare the simulator with the reference, not with the code's own copy.
 */
public final class A123Ocv {

  private static final double[] SOC = {0.00, 0.01, 0.05, 0.18, 0.31, 0.48, 0.78, 0.96, 1.00};
  private static final double[] VOLTS = {2.50, 2.90, 3.12, 3.20, 3.24, 3.27, 3.30, 3.32, 3.59};

  private A123Ocv() {}

  /** The cell's open-circuit voltage, volts, at {@code soc} (0 to 1), linear between the table's points. */
  public static double volts(double soc) {
    for (int i = 1; i < SOC.length; i++) {
      if (soc <= SOC[i]) {
        return VOLTS[i - 1] + (soc - SOC[i - 1]) / (SOC[i] - SOC[i - 1]) * (VOLTS[i] - VOLTS[i - 1]);
      }
    }
    return VOLTS[VOLTS.length - 1];
  }
}
