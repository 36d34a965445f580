package io.locolink.gateway.acquisition;

/**
 * One traction drive (inverter and permanent-magnet motor) in one acquisition cycle.
 *
 * @param index drive number from 0
 * @param currentA DC current into the inverter, amperes, positive when motoring
 * @param speedRpm motor speed, rpm
 * @param dcLinkV DC-link voltage, volts
 * @param windingC hottest winding PT100, degrees Celsius
 * @param bearingC bearing PT100, degrees Celsius
 * @param inverterC inverter heatsink, degrees Celsius
 * @param coolantC coolant NTC, degrees Celsius
 */
public record DriveReadings(
    int index,
    Reading currentA,
    Reading speedRpm,
    Reading dcLinkV,
    Reading windingC,
    Reading bearingC,
    Reading inverterC,
    Reading coolantC) {

  public DriveReadings {
    if (index < 0) {
      throw new IllegalArgumentException("drive index must be >= 0");
    }
  }
}
