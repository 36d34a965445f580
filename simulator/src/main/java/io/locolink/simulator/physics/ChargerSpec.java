package io.locolink.simulator.physics;

/**
 * A depot charger: constant current up to its power, then constant voltage as the battery
 * management system's cell-voltage limit brings the current down, finishing at the end current.
 *
 * @param maxPowerW charger rating, watts
 * @param maxCurrentA constant-current set point, amperes
 * @param endCurrentA charge ends when the accepted current falls below this, amperes
 */
public record ChargerSpec(double maxPowerW, double maxCurrentA, double endCurrentA) {

  public ChargerSpec {
    if (maxPowerW <= 0 || maxCurrentA <= 0 || endCurrentA <= 0 || endCurrentA >= maxCurrentA) {
      throw new IllegalArgumentException("charger needs power > 0 and 0 < end current < max current");
    }
  }

  /** An 800 kW depot charger (reference range 680–1,200 kW), 1,100 A, ending at 0.05 C (70 A). */
  public static ChargerSpec depot800kW() {
    return new ChargerSpec(800_000, 1_100, 70);
  }
}
