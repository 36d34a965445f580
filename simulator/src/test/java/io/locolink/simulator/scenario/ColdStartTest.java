package io.locolink.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.simulator.physics.LocomotiveState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The winter scenario: a night at −40 °C, then a start. The battery obeys the reference's
 * temperature limits throughout: no charging below 0 °C, at most 0.2 C below 10 °C, no
 * discharge below −20 °C.
 */
class ColdStartTest {

  /** 0.2 C of a 5 × 280 Ah pack, amperes. */
  private static final double POINT_TWO_C_A = 0.2 * 5 * 280;

  private static final List<LocomotiveState> STATES = new ArrayList<>();

  @BeforeAll
  static void run() {
    ScenarioRunner runner = ScenarioRunner.create(Scenarios.builtIn("winter-cold-start"));
    runner.addListener((state, model) -> STATES.add(state));
    runner.runToEnd();
  }

  private static double coldest(LocomotiveState s) {
    double c = Double.POSITIVE_INFINITY;
    for (double t : s.cellTemperaturesC()) {
      c = Math.min(c, t);
    }
    return c;
  }

  @Test
  void noChargingBelowZeroAndLimitedChargingBelowTen() {
    int cold = 0;
    for (LocomotiveState s : STATES) {
      double coldest = coldest(s);
      if (coldest < 0) {
        cold++;
        assertTrue(s.packCurrentA() >= -1e-6, "charging at " + coldest + " °C, t=" + s.timeS() + ": " + s.packCurrentA());
      } else if (coldest < 10) {
        assertTrue(s.packCurrentA() >= -POINT_TWO_C_A * 1.001,
            "more than 0.2 C at " + coldest + " °C, t=" + s.timeS() + ": " + s.packCurrentA());
      }
    }
    assertTrue(cold > 3600, "the pack spent hours below 0 °C: " + cold + " s");
  }

  @Test
  void noDischargeBelowMinusTwenty() {
    for (LocomotiveState s : STATES) {
      if (coldest(s) < -20) {
        assertTrue(Math.abs(s.packCurrentA()) < 1e-6, "current at " + coldest(s) + " °C: " + s.packCurrentA());
      }
    }
  }

  @Test
  void soakCoolsThePackAndTheHeaterBringsItBack() {
    LocomotiveState endOfSoak = at(50_400);
    // enclosure 240 W/K against 216 × 5 × 5.4 kJ/K ≈ 5.8 MJ/K: τ ≈ 6.7 h, so after 14 h the
    // pack is within ~15 % of the 35 K step from −5 °C towards −40 °C
    assertTrue(coldest(endOfSoak) < -30, "after the soak: " + coldest(endOfSoak));
    assertTrue(!endOfSoak.contactorClosed() && !endOfSoak.keyOn(), "parked with contactors open");
    LocomotiveState endOfStandby = at(57_600);
    // 40 kW heater less ~5 kW enclosure loss: ≈ 35 K/h·(35 kW / 5.8 MJ/K) ≈ 22 K per hour
    assertTrue(coldest(endOfStandby) > 0, "after 2 h of heating: " + coldest(endOfStandby));
    assertTrue(STATES.get(STATES.size() - 1).odometerM() > 1_000, "shunting after the start");
  }

  @Test
  void gensetCarriesTheStartWhileTheBatteryIsTooCold() {
    boolean gensetRanCold = false;
    for (LocomotiveState s : STATES) {
      if (s.keyOn() && coldest(s) < -20 && s.genset().orElseThrow().running()) {
        gensetRanCold = true;
      }
    }
    assertTrue(gensetRanCold, "the genset powered the heater below −20 °C");
  }

  private static LocomotiveState at(double timeS) {
    return STATES.stream().filter(s -> Math.abs(s.timeS() - timeS) < 0.6).findFirst().orElseThrow();
  }
}
