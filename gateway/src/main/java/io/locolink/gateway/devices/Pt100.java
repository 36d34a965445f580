package io.locolink.gateway.devices;

/**
 * PT100 resistance and temperature by the Callendar–Van Dusen equation with the IEC 60751
 * coefficients. Pure functions.
 */
public final class Pt100 {

  public static final double R0_OHM = 100.0;
  public static final double A = 3.9083e-3;
  public static final double B = -5.775e-7;
  public static final double C = -4.183e-12;

  private Pt100() {}

  /** Resistance at {@code temperatureC}, ohms (valid -200..850 °C). */
  public static double resistanceOhm(double temperatureC) {
    double t = temperatureC;
    double r = R0_OHM * (1 + A * t + B * t * t);
    if (t < 0) {
      r += R0_OHM * C * (t - 100) * t * t * t;
    }
    return r;
  }

  /**
   * Temperature at {@code resistanceOhm}, degrees Celsius: the closed-form root for 0 °C and
   * above, Newton's method on the full equation below.
   */
  public static double temperatureC(double resistanceOhm) {
    double ratio = resistanceOhm / R0_OHM;
    double t = (-A + Math.sqrt(A * A - 4 * B * (1 - ratio))) / (2 * B);
    if (resistanceOhm >= R0_OHM) {
      return t;
    }
    for (int i = 0; i < 10; i++) {
      double f = resistanceOhm(t) - resistanceOhm;
      double slope = R0_OHM * (A + 2 * B * t + C * (4 * t * t * t - 300 * t * t));
      t -= f / slope;
    }
    return t;
  }
}
