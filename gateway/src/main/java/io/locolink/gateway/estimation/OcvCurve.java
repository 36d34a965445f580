package io.locolink.gateway.estimation;

/**
 * Open-circuit voltage of an LFP cell against state of charge (A123 cell, reference table),
 * linear between the points. The curve is flat between about 20 % and 95 %, where a few millivolts
 * span tens of percent; {@link #slopeVPerPercent} tells how much an OCV reading is worth there.
 * Immutable, thread-safe.
 */
public final class OcvCurve {

  private static final double[] SOC_PERCENT = {1, 5, 18, 31, 48, 78, 96, 100};
  private static final double[] OCV_V = {2.90, 3.12, 3.20, 3.24, 3.27, 3.30, 3.32, 3.59};

  /** The reference LFP curve. */
  public static OcvCurve lfp() {
    return new OcvCurve();
  }

  private OcvCurve() {}

  /** Cell OCV at {@code socPercent}, volts; clamped to the table's ends. */
  public double ocvV(double socPercent) {
    int i = segment(SOC_PERCENT, socPercent);
    return interpolate(SOC_PERCENT[i], OCV_V[i], SOC_PERCENT[i + 1], OCV_V[i + 1], socPercent);
  }

  /** SoC at which a rested cell shows {@code ocvV}, percent; clamped to the table's ends. */
  public double socPercent(double ocvV) {
    int i = segment(OCV_V, ocvV);
    return interpolate(OCV_V[i], SOC_PERCENT[i], OCV_V[i + 1], SOC_PERCENT[i + 1], ocvV);
  }

  /** Slope of the curve around {@code socPercent}, volts per percent. */
  public double slopeVPerPercent(double socPercent) {
    int i = segment(SOC_PERCENT, socPercent);
    return (OCV_V[i + 1] - OCV_V[i]) / (SOC_PERCENT[i + 1] - SOC_PERCENT[i]);
  }

  private static int segment(double[] xs, double x) {
    for (int i = 0; i < xs.length - 2; i++) {
      if (x < xs[i + 1]) {
        return i;
      }
    }
    return xs.length - 2;
  }

  private static double interpolate(double x0, double y0, double x1, double y1, double x) {
    double t = Math.max(0, Math.min(1, (x - x0) / (x1 - x0)));
    return y0 + t * (y1 - y0);
  }
}
