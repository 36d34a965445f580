package io.locolink.simulator.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The 1520 mm resistance formulas of the reference, evaluated by hand. */
class TrainResistanceTest {

  @Test
  void locomotiveAt50KmhIs315NPerKn() {
    // w = 1.9 + 0.01·50 + 0.0003·50² = 1.9 + 0.5 + 0.75
    assertEquals(3.15, TrainResistance.locomotiveNPerKn(50), 1e-12);
  }

  @Test
  void loadedWagonAt40KmhWithAxleLoad235() {
    // w = 0.7 + (3 + 4 + 0.0025·1600) / 23.5 = 0.7 + 11 / 23.5
    assertEquals(0.7 + 11 / 23.5, TrainResistance.wagonNPerKn(40, 23.5), 1e-12);
  }

  @Test
  void startingResistanceWithAxleLoad23() {
    // w = 28 / (23 + 7)
    assertEquals(28.0 / 30, TrainResistance.startingNPerKn(23), 1e-12);
  }

  @Test
  void curveOf350mAddsTwoNPerKnAndStraightTrackNothing() {
    assertEquals(2.0, TrainResistance.curveNPerKn(350), 1e-12);
    assertEquals(0.0, TrainResistance.curveNPerKn(Double.POSITIVE_INFINITY), 0);
  }

  @Test
  void trainOf144tLocoAnd10WagonsAt20Kmh() {
    // loco: 1.9 + 0.2 + 0.12 = 2.22 N/kN × 144 t × g; wagons: 40 axles × 23.5 t = 940 t,
    // 0.7 + (3 + 2 + 1) / 23.5 N/kN
    double expected = 2.22 * 144 * 9.80665 + (0.7 + 6 / 23.5) * 940 * 9.80665;
    assertEquals(expected, TrainResistance.runningN(VehicleSpec.hybridShunter(), new TrailingLoad(10, 23.5), 20), 1e-6);
  }
}
