package io.locolink.simulator.physics;

/**
 * The battery management system's current limits as C-rates by cell temperature, after the
 * reference: charge only between 0 and 45 °C and at most 0.2 C below 10 °C; discharge between
 * −20 and 60 °C. Cell-voltage limits are applied by {@link BatteryPack}. Pure.
 */
public final class ChargeLimits {

  /** Highest cell voltage the BMS lets charging reach (just under the 3.55 V note level), volts. */
  public static final double CHARGE_CELL_LIMIT_V = 3.54;

  /** Lowest cell voltage the BMS lets discharge reach (just over the 2.80 V note level), volts. */
  public static final double DISCHARGE_CELL_LIMIT_V = 2.85;

  private ChargeLimits() {}

  /**
   * Largest charging C-rate.
   *
   * @param coldestC coldest cell, degrees Celsius
   * @param hottestC hottest cell, degrees Celsius
   */
  public static double chargeCRate(double coldestC, double hottestC) {
    if (coldestC < 0 || hottestC > 45) {
      return 0;
    }
    if (coldestC < 10) {
      return 0.2;
    }
    return 1.0;
  }

  /**
   * Largest discharging C-rate: 2 C from 10 °C, 1 C from 0 °C, 0.5 C from −20 °C, none colder.
   *
   * @param coldestC coldest cell, degrees Celsius
   * @param hottestC hottest cell, degrees Celsius
   */
  public static double dischargeCRate(double coldestC, double hottestC) {
    if (coldestC < -20 || hottestC > 60) {
      return 0;
    }
    if (coldestC < 0) {
      return 0.5;
    }
    if (coldestC < 10) {
      return 1.0;
    }
    return 2.0;
  }
}
