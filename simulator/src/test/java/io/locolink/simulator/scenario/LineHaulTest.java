package io.locolink.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.simulator.physics.EnergyLedger.EnergyTotals;
import io.locolink.simulator.physics.LocomotiveState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The line-haul run from Astana-1 to Karaganda: it arrives, holds its line speed, and the
 * mechanical work at the wheels pays for the resistance along the way and the climb from 347 m
 * to 552 m (energy conservation over real gradients).
 */
class LineHaulTest {

  private static final double G = 9.80665;
  /** 144 t locomotive + 8 wagons × 4 axles × 25 t. */
  private static final double LOCO_T = 144;
  private static final double WAGONS_T = 8 * 4 * 25;

  private static LocomotiveState end;
  private static EnergyTotals energy;
  private static double resistanceWorkJ;
  private static double movingS;
  private static double movingM;

  @BeforeAll
  static void run() {
    ScenarioRunner runner = ScenarioRunner.create(Scenarios.builtIn("line-haul"));
    double[] lastOdometer = {0};
    runner.addListener((s, model) -> {
      double dx = s.odometerM() - lastOdometer[0];
      lastOdometer[0] = s.odometerM();
      double kmh = s.speedKmh();
      // 1520 mm formulas of the reference, N/kN: locomotive, loaded wagons (q0 = 25 t), curve
      double wLoco = 1.9 + 0.01 * kmh + 0.0003 * kmh * kmh;
      double wWagon = 0.7 + (3 + 0.1 * kmh + 0.0025 * kmh * kmh) / 25;
      double wCurve = 700 / model.route().curveRadiusAt(model.positionM());
      resistanceWorkJ += ((wLoco + wCurve) * LOCO_T + (wWagon + wCurve) * WAGONS_T) * G * dx;
      if (kmh > 1) {
        movingS += 1;
        movingM += dx;
      }
    });
    end = runner.runToEnd();
    energy = runner.model().energy();
  }

  @Test
  void arrivesAtKaragandaSortirovochnaya() {
    // the route ends at 49.8800 °N 73.1300 °E; the driver stops 200 m short
    assertEquals(49.8800, end.latitudeDeg(), 0.01);
    assertEquals(73.1300, end.longitudeDeg(), 0.01);
    assertEquals(0, end.speedKmh(), 0);
  }

  @Test
  void holdsTheLineSpeed() {
    double meanKmh = movingM / movingS * 3.6;
    assertTrue(meanKmh > 50 && meanKmh <= 60.5, "mean speed while moving: " + meanKmh);
  }

  @Test
  void wheelWorkPaysForResistanceAndClimb() {
    // potential energy of the climb from Astana-1 (347 m) to Karaganda-Sortirovochnaya (552 m)
    double climbJ = (LOCO_T + WAGONS_T) * 1000 * G * (552 - 347);
    double wheelNetJ = energy.wheelTractionJ() - energy.wheelRegenJ() - energy.frictionBrakeJ();
    assertEquals(resistanceWorkJ + climbJ, wheelNetJ, (resistanceWorkJ + climbJ) * 0.02,
        "wheel " + wheelNetJ / 3.6e6 + " kWh vs resistance " + resistanceWorkJ / 3.6e6 + " + climb " + climbJ / 3.6e6);
  }
}
