package io.locolink.gateway.estimation;

/**
 * A synthetic LFP pack used as ground truth: every cell follows the reference OCV table
 * (2.90 V at 1 % ... 3.59 V at 100 %, written out here, not taken from the code under test), a
 * Thevenin circuit (R0 = 0.18 mOhm per 280 Ah cell, R1 = R0, tau = 45 s) and +-5 mV of OCV
 * hysteresis that swings fully over 1 % of capacity. Strings share the current equally.
 */
final class LfpPackModel {

  private static final double[] SOC = {1, 5, 18, 31, 48, 78, 96, 100};
  private static final double[] OCV = {2.90, 3.12, 3.20, 3.24, 3.27, 3.30, 3.32, 3.59};
  private static final double CELL_AH = 280;
  private static final double R0 = 0.18e-3;
  private static final double TAU_S = 45;
  private static final double HYSTERESIS_V = 0.005;

  final int series;
  final int strings;
  final double capacityAh;
  double socPercent;
  double hysteresis; // -1 after discharge .. +1 after charge
  double v1;         // RC voltage of one cell, volts
  double cellCurrentA;

  LfpPackModel(int series, int strings, double soh, double socPercent, double hysteresis) {
    this.series = series;
    this.strings = strings;
    this.capacityAh = CELL_AH * strings * soh;
    this.socPercent = socPercent;
    this.hysteresis = hysteresis;
  }

  /** Advances by {@code dtS} with pack current {@code packA} (positive = discharge). */
  void step(double packA, double dtS) {
    cellCurrentA = packA / strings;
    socPercent -= packA * dtS / 3600 / capacityAh * 100;
    double swing = Math.abs(packA) * dtS / 3600 / (0.01 * capacityAh);
    hysteresis = Math.max(-1, Math.min(1, hysteresis - Math.signum(packA) * swing));
    double a = Math.exp(-dtS / TAU_S);
    v1 = v1 * a + cellCurrentA * R0 * (1 - a);
  }

  /** Terminal voltage of one cell, volts; {@code offsetV} models cell-to-cell spread. */
  double cellV(double offsetV) {
    return ocv(socPercent) + hysteresis * HYSTERESIS_V - cellCurrentA * R0 - v1 + offsetV;
  }

  static double ocv(double soc) {
    if (soc <= SOC[0]) {
      return OCV[0];
    }
    for (int i = 0; i < SOC.length - 1; i++) {
      if (soc <= SOC[i + 1]) {
        return OCV[i] + (soc - SOC[i]) / (SOC[i + 1] - SOC[i]) * (OCV[i + 1] - OCV[i]);
      }
    }
    return OCV[OCV.length - 1];
  }
}
