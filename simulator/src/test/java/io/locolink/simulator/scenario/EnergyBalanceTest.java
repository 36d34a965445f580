package io.locolink.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.simulator.testing.A123Ocv;
import io.locolink.simulator.physics.EnergyLedger.EnergyTotals;
import io.locolink.simulator.physics.InitialConditions;
import io.locolink.simulator.physics.LocomotiveSimulation;
import io.locolink.simulator.physics.LocomotiveState;
import io.locolink.simulator.physics.TrailingLoad;
import io.locolink.simulator.physics.TravelDirection;
import io.locolink.simulator.physics.VehicleKind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * Energy balance of a battery locomotive shunting at 25 °C: what left the cells equals what
 * reached the wheels plus the traction, battery and auxiliary losses, within 1 %. The energy
 * that left the cells is computed here from each block's change of state of charge through the
 * reference OCV table (∫ OCV dQ), independently of the model's own bookkeeping.
 */
class EnergyBalanceTest {

  static Scenario batteryShunting() {
    InitialConditions init = new InitialConditions(Instant.parse("2026-06-01T06:00:00Z"), 1200, TravelDirection.UP,
        0.90, 25, 25, new TrailingLoad(10, 23.5));
    Phase shunt = new Phase(DutyKind.SWITCH_CYCLE, 7200, 25, TravelDirection.UP, true, OptionalDouble.empty(), Optional.empty());
    Phase rest = new Phase(DutyKind.PARKED, 1800, 25, TravelDirection.UP, false, OptionalDouble.empty(), Optional.empty());
    return Scenario.of("battery-shunting", VehicleKind.BATTERY, "astana-1-yard", 5, 0.5, init, List.of(shunt, rest));
  }

  @Test
  void cellEnergyOutEqualsWheelPlusLosses() {
    ScenarioRunner runner = ScenarioRunner.create(batteryShunting());
    LocomotiveSimulation model = runner.model();
    int blocks = model.pack().blocks();
    double[] socStart = new double[blocks];
    for (int b = 0; b < blocks; b++) {
      socStart[b] = model.pack().blockSoc(b);
    }
    LocomotiveState end = runner.runToEnd();

    double fromTableJ = 0;
    for (int b = 0; b < blocks; b++) {
      double ah = model.pack().blockCapacityAh(b);
      fromTableJ += ah * 3600 * integralOcv(model.pack().blockSoc(b), socStart[b]);
    }
    EnergyTotals e = model.energy();
    assertTrue(e.wheelTractionJ() > 50 * 3.6e6, "the run did real work: " + e.wheelTractionJ() / 3.6e6 + " kWh");
    assertTrue(e.wheelRegenJ() > 0, "braking regenerated");

    double wheelPlusLosses = e.wheelNetJ() + e.tractionLossJ() + e.auxiliaryJ() + e.heaterJ() + e.batteryLossJ()
        + e.balancingJ();
    assertEquals(fromTableJ, wheelPlusLosses, Math.abs(fromTableJ) * 0.01,
        "cells (OCV table) " + fromTableJ / 3.6e6 + " kWh vs wheel + losses " + wheelPlusLosses / 3.6e6 + " kWh");

    // the same at the terminals, from the published state: out = wheel + traction + auxiliaries
    double terminalSide = end.wheelEnergyJ() + e.tractionLossJ() + e.auxiliaryJ() + e.heaterJ();
    assertEquals(end.batteryEnergyOutJ(), terminalSide, Math.abs(end.batteryEnergyOutJ()) * 0.01);
  }

  /** ∫ OCV(s) ds from s0 to s1 over the reference table (trapezoids, 10⁻⁵ steps), volts. */
  private static double integralOcv(double s0, double s1) {
    int steps = Math.max(1, (int) Math.ceil(Math.abs(s1 - s0) / 1e-5));
    double h = (s1 - s0) / steps;
    double sum = 0;
    for (int i = 0; i < steps; i++) {
      double a = s0 + i * h;
      sum += (A123Ocv.volts(a) + A123Ocv.volts(a + h)) / 2 * h;
    }
    return sum;
  }
}
