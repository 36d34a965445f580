package io.locolink.simulator.groundtruth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.estimation.EnergyTotals;
import io.locolink.simulator.groundtruth.GroundTruthRig.Cycle;
import io.locolink.simulator.physics.LocomotiveState;
import io.locolink.simulator.physics.LocomotiveState.GensetState;
import io.locolink.simulator.scenario.Scenario;
import io.locolink.simulator.scenario.Scenarios;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The gateway's battery energy registers against the simulator's own battery energy over the
 * first two hours of the built-in shunting day: consumed, regenerated and the net, through the
 * emulated INA228, the real driver and the estimator's energy meter.
 *
 * <p><b>Rate.</b> The gateway acquires once per physics step (0.5 s), so it sees every state
 * the physics produces. The physics applies a step's current for the whole step and reports it
 * (with the terminal voltage of that step) at the step's end; the simulator's energy is
 * {@code sum V(k) I(k) dt} over the steps, and its cumulative {@code batteryEnergyOutJ} is
 * exactly that. The gateway's rectangle rule holds each sample until the next one, so it
 * counts {@code sum P(k) dt} for k from the first to the one before last of the stretch, the
 * physics for k from the second to the last.
 *
 * <p><b>Tolerance</b>, derived per quantity f (consumed: max(P, 0); inflow: max(-P, 0); net: P):
 * <ol>
 *   <li>ends of the stretch: |f(P first)| dt + |f(P last)| dt, from the true states;
 *   <li>measurement noise: the emulated INA228 adds 2 LSB rms to VSHUNT (2 x 312.5 nV / 50 uOhm
 *       = 12.5 mA) and to VBUS (2 x 195.3125 uV x divider 10 = 3.9 mV), independent from sample
 *       to sample; the quantisation (6.1 mA, 1.95 mV) under that dither is unbiased. One sample's
 *       power error has sigma_P = sqrt((V sigma_I)^2 + (I sigma_V)^2) with the stretch's
 *       largest |V| and |I|, and the sum over n samples five times sigma_P dt sqrt(n);
 *   <li>for the split quantities, every sample within five sigma_P of zero may be counted on the
 *       wrong side: 5 sigma_P dt each, counted from the true states.
 * </ol>
 * The resolution of the chip itself (6.1 mA x 790 V = 5 W per sample) is far below any of these;
 * the tolerance is well under 0.1 % of the energy, so a gain, sign, scaling or split error
 * anywhere in the chain fails the test.
 */
class BatteryEnergyTest {

  private static final double STEP_S = 0.5;
  private static final double SIGMA_I_A = 2 * 312.5e-9 / 50e-6;
  private static final double SIGMA_V_V = 2 * 195.3125e-6 * 10;
  private static final double STRETCH_START_S = 300;

  @Test
  void consumedRegeneratedAndNetAgreeWithTheSimulatorsBatteryEnergy() {
    Scenario day = Scenarios.builtIn("shunting-day");
    assertEquals(STEP_S, day.stepS(), 1e-12, "the gateway samples once per physics step");
    try (GroundTruthRig rig = new GroundTruthRig(day, "")) {
      List<Cycle> cycles = new ArrayList<>();
      List<EnergyTotals> registersAt = new ArrayList<>();
      while (!rig.runner.finished() && rig.runner.latest().timeS() < 7200 - 1e-6) {
        Cycle c = rig.cycle(STEP_S);
        if (c.truth().timeS() >= STRETCH_START_S - 1e-6) {
          cycles.add(c);
          registersAt.add(rig.estimator.registers());
        }
      }
      EnergyTotals start = registersAt.get(0);
      EnergyTotals end = registersAt.get(registersAt.size() - 1);
      EnergyTotals gateway = end.minus(start);

      assertTrue(cycles.stream().allMatch(c -> c.snapshot().pack().voltageV().isGood()
          && c.snapshot().pack().currentA().isGood()), "no flagged pack sample in the stretch");

      // the whole stretch: consumed, every inflow, net
      Truth all = Truth.of(cycles);
      double inflowWh = (gateway.regeneratedJ() + gateway.gensetChargeJ() + gateway.depotChargeJ()) / 3600;
      double netWh = (gateway.consumedJ() - gateway.regeneratedJ() - gateway.gensetChargeJ()
          - gateway.depotChargeJ()) / 3600;
      double trueNetWh = (cycles.get(cycles.size() - 1).truth().batteryEnergyOutJ()
          - cycles.get(0).truth().batteryEnergyOutJ()) / 3600;
      System.out.printf("Energy over %.0f s: consumed gateway %.1f Wh / true %.1f Wh (tol %.2f); inflow %.1f / %.1f "
          + "(tol %.2f); net %.1f / %.1f (tol %.2f); regenerated %.1f, genset charge %.1f, depot %.1f Wh%n",
          all.spanS, gateway.consumedWh(), all.consumedWh, all.consumedTolWh, inflowWh, all.inflowWh, all.inflowTolWh,
          netWh, trueNetWh, all.netTolWh, gateway.regeneratedWh(), gateway.gensetChargeJ() / 3600,
          gateway.depotChargeJ() / 3600);
      assertTrue(all.consumedWh > 50_000 && all.inflowWh > 5_000,
          "the stretch draws and takes back real energy: " + all.consumedWh + " / " + all.inflowWh + " Wh");
      assertEquals(all.consumedWh, gateway.consumedWh(), all.consumedTolWh, "consumed Wh");
      assertEquals(all.inflowWh, inflowWh, all.inflowTolWh, "charge into the battery, Wh");
      assertEquals(trueNetWh, netWh, all.netTolWh, "net energy out of the battery, Wh");

      // the first hour, genset off: every watt-hour into the battery while moving is braking energy
      int hourEnd = indexAt(cycles, STRETCH_START_S + 3600);
      List<Cycle> hour = cycles.subList(0, hourEnd + 1);
      assertTrue(hour.stream().noneMatch(c -> c.truth().genset().map(GensetState::running).orElse(false)),
          "the genset stays off in the day's first hour");
      Truth first = Truth.of(hour);
      EnergyTotals hourGateway = registersAt.get(hourEnd).minus(start);
      System.out.printf("Energy, first hour: regenerated gateway %.1f Wh / true %.1f Wh (tol %.2f); consumed %.1f / %.1f "
          + "(tol %.2f)%n", hourGateway.regeneratedWh(), first.inflowWh, first.inflowTolWh, hourGateway.consumedWh(),
          first.consumedWh, first.consumedTolWh);
      assertTrue(first.inflowWh > 1_000, "the first hour brakes: " + first.inflowWh + " Wh regenerated");
      assertEquals(first.inflowWh, hourGateway.regeneratedWh(), first.inflowTolWh, "regenerated Wh, genset off");
      assertEquals(first.consumedWh, hourGateway.consumedWh(), first.consumedTolWh, "consumed Wh, first hour");
    }
  }

  private static int indexAt(List<Cycle> cycles, double timeS) {
    for (int i = 0; i < cycles.size(); i++) {
      if (cycles.get(i).truth().timeS() >= timeS - 1e-6) {
        return i;
      }
    }
    throw new AssertionError("stretch ends before " + timeS + " s");
  }

  /** The simulator's energies over a stretch of cycles, with the tolerances derived above. */
  private record Truth(double spanS, double consumedWh, double inflowWh, double consumedTolWh, double inflowTolWh,
      double netTolWh) {

    static Truth of(List<Cycle> cycles) {
      double maxV = 0;
      double maxA = 0;
      for (Cycle c : cycles) {
        maxV = Math.max(maxV, Math.abs(c.truth().packVoltageV()));
        maxA = Math.max(maxA, Math.abs(c.truth().packCurrentA()));
      }
      double sigmaP = Math.hypot(maxV * SIGMA_I_A, maxA * SIGMA_V_V);
      int n = cycles.size() - 1;
      double noiseJ = 5 * sigmaP * STEP_S * Math.sqrt(n);
      DoubleUnaryOperator consumed = p -> Math.max(p, 0);
      DoubleUnaryOperator inflow = p -> Math.max(-p, 0);
      double consumedJ = 0;
      double inflowJ = 0;
      int nearZero = 0;
      // the physics' step k ends at cycle k; the stretch's energy is that of steps 1..n
      for (int k = 1; k <= n; k++) {
        double p = power(cycles.get(k).truth());
        consumedJ += consumed.applyAsDouble(p) * STEP_S;
        inflowJ += inflow.applyAsDouble(p) * STEP_S;
      }
      for (int k = 0; k < n; k++) {
        if (Math.abs(power(cycles.get(k).truth())) < 5 * sigmaP) {
          nearZero++;
        }
      }
      double pFirst = power(cycles.get(0).truth());
      double pLast = power(cycles.get(n).truth());
      double splitJ = nearZero * 5 * sigmaP * STEP_S;
      double consumedTol = (consumed.applyAsDouble(pFirst) + consumed.applyAsDouble(pLast)) * STEP_S + noiseJ + splitJ;
      double inflowTol = (inflow.applyAsDouble(pFirst) + inflow.applyAsDouble(pLast)) * STEP_S + noiseJ + splitJ;
      double netTol = (Math.abs(pFirst) + Math.abs(pLast)) * STEP_S + noiseJ;
      return new Truth(cycles.get(n).truth().timeS() - cycles.get(0).truth().timeS(), consumedJ / 3600,
          inflowJ / 3600, consumedTol / 3600, inflowTol / 3600, netTol / 3600);
    }

    private static double power(LocomotiveState s) {
      return s.packVoltageV() * s.packCurrentA();
    }
  }
}
