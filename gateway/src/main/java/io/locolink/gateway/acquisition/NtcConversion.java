package io.locolink.gateway.acquisition;

import io.locolink.gateway.config.DevicesConfig;
import io.locolink.gateway.devices.SensorFaultException;

/**
 * An NTC thermistor from the supply through a pull-up to the ADC input, the NTC to ground: the
 * beta equation T = 1 / (1/T25 + ln(R/R25)/B). Pure functions.
 */
final class NtcConversion {

  private NtcConversion() {}

  /**
   * Temperature for the divider's output voltage, degrees Celsius.
   *
   * @throws SensorFaultException when the input sits at a rail (open or shorted thermistor)
   */
  static double temperatureC(double volts, DevicesConfig.Ntc ntc) throws SensorFaultException {
    if (volts >= 0.98 * ntc.supplyV() || volts <= 0.01 * ntc.supplyV()) {
      throw new SensorFaultException(String.format("NTC input at %.3f V: open or shorted thermistor", volts));
    }
    double ohm = ntc.pullUpOhm() * volts / (ntc.supplyV() - volts);
    return 1.0 / (1.0 / 298.15 + Math.log(ohm / ntc.r25Ohm()) / ntc.beta()) - 273.15;
  }

  /** The divider's output voltage at {@code temperatureC} (for emulation and tests). */
  static double volts(double temperatureC, DevicesConfig.Ntc ntc) {
    double ohm = ntc.r25Ohm() * Math.exp(ntc.beta() * (1.0 / (temperatureC + 273.15) - 1.0 / 298.15));
    return ntc.supplyV() * ohm / (ohm + ntc.pullUpOhm());
  }
}
