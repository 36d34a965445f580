package io.locolink.simulator.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The A123 OCV table of the reference, and linear interpolation between its points. */
class OcvCurveTest {

  @ParameterizedTest
  @CsvSource({"1.00,3.59", "0.96,3.32", "0.78,3.30", "0.48,3.27", "0.31,3.24", "0.18,3.20", "0.05,3.12", "0.01,2.90"})
  void tablePoints(double soc, double volts) {
    assertEquals(volts, OcvCurve.volts(soc), 1e-9);
  }

  @ParameterizedTest
  @CsvSource({"0.63,3.285", "0.98,3.455", "0.395,3.255"})
  void midpointsAreLinear(double soc, double volts) {
    // 0.63 is midway between 0.48 (3.27) and 0.78 (3.30); 0.98 between 0.96 and 1.00;
    // 0.395 between 0.31 (3.24) and 0.48 (3.27)
    assertEquals(volts, OcvCurve.volts(soc), 1e-9);
  }

  @ParameterizedTest
  @CsvSource({"-10,0.5", "60,0.5"})
  void temperatureShiftIsSmall(double cellC, double soc) {
    // LFP entropic coefficient is of the order of 0.1 mV/K: within ±5 mV over 35 K
    assertEquals(OcvCurve.volts(soc), OcvCurve.volts(soc, cellC), 0.005);
  }
}
