package io.locolink.simulator.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Efficiency map and thermal behaviour of a traction drive; the genset's fuel map. */
class DriveAndGensetTest {

  private static final double PEAK_FORCE_N = 0.30 * 144_000 * 9.80665 / 6;

  @Test
  void efficiencyNearRatedPowerIsThatOfAPmsmDrive() {
    TractionDrive d = new TractionDrive(DriveSpec.axleDrive200kW(), PEAK_FORCE_N, 20);
    double speed = 60 / 3.6;
    double force = 200_000 / speed;
    double eta = d.motoringEfficiency(force, speed);
    // PMSM traction drives (motor + inverter) reach 94–97 % near rated power
    assertTrue(eta > 0.93 && eta < 0.98, "efficiency " + eta);
    assertTrue(d.motoringEfficiency(PEAK_FORCE_N, 1.0) < eta, "peak torque at crawling speed is less efficient");
  }

  @Test
  void windingHeatsUnderSustainedTorqueAndCoolsAtRest() {
    TractionDrive d = new TractionDrive(DriveSpec.axleDrive200kW(), PEAK_FORCE_N, 20);
    double speed = 60 / 3.6;
    for (int i = 0; i < 7_200; i++) {
      d.step(200_000 / speed, speed, 700, 1, 20);
    }
    double hot = d.windingC();
    // continuous rated power: a class H (180 °C) motor runs its winding well above 80 °C
    // and below its class limit
    assertTrue(hot > 80 && hot < 180, "winding after 2 h at rated power: " + hot);
    LocomotiveState.DriveState s = d.state(700);
    assertTrue(s.inverterC() > 20 && s.bearingC() > 20 && s.coolantC() > 20, "all parts warm up");
    for (int i = 0; i < 6 * 3_600; i++) {
      d.step(0, 0, 700, 1, 20);
    }
    assertEquals(20, d.windingC(), 5, "cooled back towards ambient after 6 h at rest");
  }

  @Test
  void fuelMapMatchesTheReferenceFigures() {
    GensetSpec spec = GensetSpec.reference540kW();
    Genset g = new Genset(spec, 20);
    double shaftW = 0.75 * spec.ratedElectricW() / spec.alternatorEfficiency();
    // 0.210 kg/kWh at the shaft, diesel 0.84 kg/L
    assertEquals(0.210 * shaftW / 1000 / 0.84, g.fuelLph(shaftW), 1e-9);
    assertEquals(4.1, g.fuelLph(0), 1e-12, "idle flow");
    assertTrue(g.fuelLph(0.25 * shaftW) / (0.25 * shaftW) > g.fuelLph(shaftW) / shaftW, "part load costs more per kWh");
  }
}
