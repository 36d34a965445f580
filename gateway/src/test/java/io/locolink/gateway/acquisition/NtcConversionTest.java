package io.locolink.gateway.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.locolink.gateway.config.DevicesConfig;
import io.locolink.gateway.devices.SensorFaultException;
import org.junit.jupiter.api.Test;

class NtcConversionTest {

  private final DevicesConfig.Ntc ntc = new DevicesConfig.Ntc(10_000.0, 3977.0, 10_000.0, 3.3);

  @Test
  void halfSupplyIs25Degrees() throws Exception {
    // at 25 degC the NTC equals the 10 k pull-up: the divider gives half the supply
    assertEquals(25.0, NtcConversion.temperatureC(1.65, ntc), 1e-9);
  }

  @Test
  void betaEquationAt85Degrees() throws Exception {
    // R(85) = 10k x exp(3977 x (1/358.15 - 1/298.15)) = 1.071 k -> 3.3 x 1071 / 11071 = 0.3193 V
    double r = 10_000 * Math.exp(3977 * (1 / 358.15 - 1 / 298.15));
    assertEquals(1071, r, 1);
    assertEquals(85.0, NtcConversion.temperatureC(3.3 * r / (r + 10_000), ntc), 1e-6);
  }

  @Test
  void railsAreSensorFaults() {
    assertThrows(SensorFaultException.class, () -> NtcConversion.temperatureC(3.29, ntc));
    assertThrows(SensorFaultException.class, () -> NtcConversion.temperatureC(0.0, ntc));
  }
}
