package io.locolink.gateway.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** PT100 values from the IEC 60751 table; RTD ratio per the MAX31865 datasheet. */
class Pt100Test {

  @Test
  void iec60751TableValues() {
    assertEquals(100.00, Pt100.resistanceOhm(0), 0.005);
    assertEquals(138.51, Pt100.resistanceOhm(100), 0.005);
    assertEquals(175.86, Pt100.resistanceOhm(200), 0.005);
    assertEquals(60.26, Pt100.resistanceOhm(-100), 0.005);
    assertEquals(80.31, Pt100.resistanceOhm(-50), 0.005);
  }

  @Test
  void inverseReturnsTheTableTemperature() {
    assertEquals(100.0, Pt100.temperatureC(138.51), 0.02);
    assertEquals(200.0, Pt100.temperatureC(175.86), 0.02);
    assertEquals(-100.0, Pt100.temperatureC(60.26), 0.02);
    assertEquals(-50.0, Pt100.temperatureC(80.31), 0.02);
  }

  @Test
  void max31865RatioWith430OhmReference() {
    // ADC code = R_RTD / R_REF x 2^15: 138.51 ohm -> 10555; 100 ohm -> 7620
    assertEquals(138.51, Max31865.resistanceOhm(10555, 430), 0.02);
    assertEquals(100.0, Max31865.resistanceOhm(7620, 430), 0.02);
  }
}
