package io.locolink.simulator.scenario;

/**
 * Throttle-notch duty cycles of EPA 40 CFR 1033.530: share of time per notch and the power
 * fraction of each notch (idle, N1..N8, dynamic brake).
 */
public enum NotchCycle {
  /** Switch (shunting) cycle. */
  SWITCH(new double[] {59.8, 12.4, 12.3, 5.8, 3.6, 3.6, 1.5, 0.2, 0.8, 0}),
  /** Line-haul cycle. */
  LINE_HAUL(new double[] {38.0, 6.5, 6.5, 5.2, 4.4, 3.8, 3.9, 3.0, 16.2, 12.5});

  /** Power fraction of N1..N8. */
  private static final double[] NOTCH_POWER = {0.05, 0.12, 0.22, 0.34, 0.49, 0.66, 0.83, 1.00};

  /** Index of idle in {@link #sharePercent(int)}. */
  public static final int IDLE = 0;
  /** Index of dynamic braking in {@link #sharePercent(int)}. */
  public static final int DYNAMIC_BRAKE = 9;

  private final double[] sharePercent;

  NotchCycle(double[] sharePercent) {
    this.sharePercent = sharePercent;
  }

  /** Share of time, percent, of position {@code i}: 0 = idle, 1..8 = notches, 9 = dynamic brake. */
  public double sharePercent(int i) {
    return sharePercent[i];
  }

  /** Positions in the table (idle, N1..N8, dynamic brake). */
  public static int positions() {
    return 10;
  }

  /** Power fraction of notch 1..8. */
  public static double notchPower(int notch) {
    if (notch < 1 || notch > 8) {
      throw new IllegalArgumentException("notch must be 1..8: " + notch);
    }
    return NOTCH_POWER[notch - 1];
  }

  /** Mean power over the cycle as a fraction of rated: ∑ share × notch power. */
  public double meanPowerFraction() {
    double sum = 0;
    for (int n = 1; n <= 8; n++) {
      sum += sharePercent[n] / 100 * NOTCH_POWER[n - 1];
    }
    return sum;
  }

  /** Draws a position (0..9) with probability equal to its time share. */
  public int draw(double uniform01) {
    double target = uniform01 * 100;
    double acc = 0;
    for (int i = 0; i < sharePercent.length; i++) {
      acc += sharePercent[i];
      if (target < acc) {
        return i;
      }
    }
    return IDLE;
  }
}
