package io.locolink.simulator.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.simulator.testing.A123Ocv;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** At rest, cell voltages sit on the reference OCV table. */
class BatteryAtRestTest {

  @ParameterizedTest
  @CsvSource({"0.18,3.20", "0.31,3.24", "0.48,3.27", "0.78,3.30"})
  void restingPackAt25CShowsTheTableVoltage(double soc, double tableV) {
    LocomotiveSimulation loco = PhysicsFixtures.battery(PhysicsFixtures.levelTrack(), soc, 25, TrailingLoad.lightEngine(), 11);
    PhysicsFixtures.run(loco, DriverCommand.parked(TravelDirection.UP), 600, 1);
    LocomotiveState s = loco.state();
    double mean = 0;
    for (double v : s.cellVoltagesV()) {
      mean += v / s.cellVoltagesV().length;
    }
    // block states of charge spread ±0.3 % around the set point; the table's slopes next to
    // these points are ≤ 6 mV per %, so the mean stays within 2 mV of the point's voltage
    assertEquals(tableV, mean, 0.002);
    assertEquals(216 * mean, s.packVoltageV(), 0.01, "pack voltage is the sum of the series cells");
    for (int b = 0; b < s.cellVoltagesV().length; b++) {
      assertEquals(A123Ocv.volts(loco.pack().blockSoc(b)), s.cellVoltagesV()[b], 0.0005, "cell " + b);
    }
    assertEquals(0, s.packCurrentA(), 0);
  }

  @Test
  void afterADischargeAndAnHoursRestTheVoltageIsTheTableWithinHysteresis() {
    LocomotiveSimulation loco = PhysicsFixtures.battery(PhysicsFixtures.levelTrack(), 0.60, 25,
        new TrailingLoad(30, 23.5), 12);
    PhysicsFixtures.run(loco, DriverCommand.power(0.3, TravelDirection.UP), 1200, 0.5);
    double underLoad = loco.state().cellVoltagesV()[0];
    loco.command(DriverCommand.brake(1, TravelDirection.UP));
    while (loco.speedMps() > 0) {
      loco.step(0.5);
    }
    PhysicsFixtures.run(loco, DriverCommand.parked(TravelDirection.UP), 3600, 1);
    LocomotiveState s = loco.state();
    assertTrue(s.socTrue() < 0.55, "the run discharged the pack: " + s.socTrue());
    double mean = 0;
    for (double v : s.cellVoltagesV()) {
      mean += v / s.cellVoltagesV().length;
    }
    double table = A123Ocv.volts(s.socTrue());
    // after a discharge the OCV sits on the lower hysteresis branch: at most half of the
    // reference's 25 mV band below the table, never above it (plus 2 mV for the cell spread)
    assertTrue(mean <= table + 0.002 && mean >= table - 0.0125,
        "rest voltage " + mean + " V against table " + table + " V");
    assertTrue(underLoad < mean, "the voltage recovers at rest");
  }
}
