package io.locolink.gateway.estimation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.locolink.gateway.config.EstimationConfig;
import org.junit.jupiter.api.Test;

/** CO2 against a diesel locomotive, from hand-computed figures. */
class Co2AccountTest {

  private static final double KWH = 3.6e6;
  private final Co2Account account = new Co2Account(EstimationConfig.Co2.defaults());

  private static EnergyTotals totals(double tractionKwh, double idleH, double depotKwh, double dieselL) {
    return new EnergyTotals(0, 0, depotKwh * KWH, 0, 0, tractionKwh * KWH, idleH * 3600, dieselL, 0);
  }

  @Test
  void shuntingOnDepotChargeAvoidsCo2ThroughNoIdling() {
    // Diesel locomotive: 100 kWh * 0.210 kg/kWh / 0.84 kg/L = 25 L, plus 1 h idle * 25 L/h = 25 L.
    // 50 L: tank to wheel 50 * 2680 = 134 000 g; well to wheel 50 * (2680 + 610) = 164 500 g.
    // Ours: 50 kWh from the grid * 830 g/kWh = 41 500 g; avoided 164 500 - 41 500 = 123 000 g.
    Co2Figures f = account.of(totals(100, 1, 50, 0));
    assertEquals(50.0, account.dieselLocomotiveLitres(totals(100, 1, 50, 0)), 1e-9);
    assertEquals(134_000, f.dieselTankToWheelG(), 1e-6);
    assertEquals(164_500, f.dieselWellToWheelG(), 1e-6);
    assertEquals(0, f.tankToWheelG(), 1e-9);
    assertEquals(41_500, f.wellToWheelG(), 1e-6);
    assertEquals(123_000, f.avoidedG(), 1e-6);
  }

  @Test
  void gridHeavyChargingIsReportedAsNegativeAvoided() {
    // 300 kWh charged at 830 g/kWh = 249 000 g; the diesel locomotive for 100 kWh of work and no
    // idling: 25 L * 3290 g/L = 82 250 g. Avoided: 82 250 - 249 000 = -166 750 g.
    assertEquals(-166_750, account.of(totals(100, 0, 300, 0)).avoidedG(), 1e-6);
  }

  @Test
  void gensetDieselCountsTankToWheel() {
    // Our genset burned 10 L: 26 800 g tank to wheel, 32 900 g well to wheel.
    Co2Figures f = account.of(totals(0, 0, 0, 10));
    assertEquals(26_800, f.tankToWheelG(), 1e-6);
    assertEquals(32_900, f.wellToWheelG(), 1e-6);
    assertEquals(-32_900, f.avoidedG(), 1e-6);
  }

  @Test
  void gridFactorIsConfigurable() {
    Co2Account clean = new Co2Account(new EstimationConfig.Co2(20.0, null, null, null, null, null, null));
    // 300 kWh at 20 g/kWh = 6000 g; avoided 82 250 - 6 000 = 76 250 g.
    assertEquals(76_250, clean.of(totals(100, 0, 300, 0)).avoidedG(), 1e-6);
  }
}
