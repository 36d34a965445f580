package io.locolink.simulator.physics;

/**
 * Open-circuit voltage of an LFP cell against state of charge (the A123 table of the reference,
 * linear between points, 0 % pinned at the 2.5 V cut-off) with a small entropic temperature term.
 * Pure and thread-safe.
 */
public final class OcvCurve {

  private static final double[] SOC = {0.00, 0.01, 0.05, 0.18, 0.31, 0.48, 0.78, 0.96, 1.00};
  private static final double[] VOLTS = {2.50, 2.90, 3.12, 3.20, 3.24, 3.27, 3.30, 3.32, 3.59};

  /** Entropic coefficient dOCV/dT of LFP, volts per kelvin [est: −0.1..+0.1 mV/K in the literature]. */
  public static final double DOCV_DT_V_PER_K = -0.08e-3;

  /** Reference temperature of the table, degrees Celsius. */
  public static final double TABLE_TEMPERATURE_C = 25.0;

  private OcvCurve() {}

  /**
   * Open-circuit voltage at the table temperature, volts.
   *
   * @param soc state of charge, clamped to 0..1
   */
  public static double volts(double soc) {
    if (soc <= 0) {
      return VOLTS[0];
    }
    if (soc >= 1) {
      return VOLTS[VOLTS.length - 1];
    }
    int i = 1;
    while (SOC[i] < soc) {
      i++;
    }
    double f = (soc - SOC[i - 1]) / (SOC[i] - SOC[i - 1]);
    return VOLTS[i - 1] + f * (VOLTS[i] - VOLTS[i - 1]);
  }

  /**
   * Open-circuit voltage at a cell temperature, volts.
   *
   * @param soc state of charge, 0..1
   * @param cellC cell temperature, degrees Celsius
   */
  public static double volts(double soc, double cellC) {
    return volts(soc) + DOCV_DT_V_PER_K * (cellC - TABLE_TEMPERATURE_C);
  }
}
