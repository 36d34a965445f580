package io.locolink.simulator.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Coasting on level straight track decelerates exactly as the reference resistance formulas
 * say: the test integrates dv/dt = −(w_loco·m_loco + w_wagon·m_wagons)·g / m_equivalent itself
 * (fine RK4) from the speed where coasting began and compares.
 */
class CoastDownTest {

  private static final double G = 9.80665;

  @Test
  void lightEngineWithTwentyWagonsCoastsDownAsTheFormulaSays() {
    TrailingLoad load = new TrailingLoad(20, 23.5);
    LocomotiveSimulation loco = PhysicsFixtures.battery(PhysicsFixtures.levelTrack(), 0.8, 20, load, 7);
    loco.command(DriverCommand.power(0.6, TravelDirection.UP));
    while (loco.speedMps() < 60 / 3.6) {
      loco.step(0.5);
    }
    double v0 = loco.speedMps();
    double x0 = loco.positionM();
    PhysicsFixtures.run(loco, DriverCommand.coast(TravelDirection.UP), 300, 0.5);

    double mLoco = VehicleSpec.batteryLocomotive().massKg();
    double mWagons = 20 * 4 * 23.5 * 1000;
    // equivalent mass with rotating parts: the model's stated 15 % for the locomotive
    // (traction motors and wheelsets) and 5 % for wagons
    double mEq = mLoco * 1.15 + mWagons * 1.05;
    double[] expected = integrate(v0, mLoco, mWagons, mEq, 300);

    assertEquals(expected[0], loco.speedMps(), expected[0] * 0.005, "speed after 300 s of coasting");
    assertEquals(expected[1], loco.positionM() - x0, expected[1] * 0.005, "distance coasted");
    assertTrue(loco.speedMps() < v0, "coasting slows the train");
  }

  /** RK4 of the reference formulas; returns {speed m/s, distance m}. */
  private static double[] integrate(double v0, double mLoco, double mWagons, double mEq, double seconds) {
    double v = v0;
    double x = 0;
    double h = 0.01;
    for (double t = 0; t < seconds - 1e-9; t += h) {
      double k1 = decel(v, mLoco, mWagons, mEq);
      double k2 = decel(v + h / 2 * k1, mLoco, mWagons, mEq);
      double k3 = decel(v + h / 2 * k2, mLoco, mWagons, mEq);
      double k4 = decel(v + h * k3, mLoco, mWagons, mEq);
      double dv = h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
      x += h * (v + dv / 2);
      v += dv;
    }
    return new double[] {v, x};
  }

  private static double decel(double v, double mLoco, double mWagons, double mEq) {
    double kmh = v * 3.6;
    double wLoco = 1.9 + 0.01 * kmh + 0.0003 * kmh * kmh;
    double wWagon = 0.7 + (3 + 0.1 * kmh + 0.0025 * kmh * kmh) / 23.5;
    return -(wLoco * mLoco + wWagon * mWagons) * G / 1000 / mEq;
  }
}
