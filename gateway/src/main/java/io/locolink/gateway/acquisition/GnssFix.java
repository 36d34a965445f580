package io.locolink.gateway.acquisition;

import java.time.Instant;

/**
 * The last position fix from the GNSS receiver.
 *
 * @param latitudeDeg WGS-84 latitude, degrees, north positive
 * @param longitudeDeg WGS-84 longitude, degrees, east positive
 * @param speedKmh speed over ground, km/h
 * @param utc the fix's UTC time as the receiver reported it
 * @param fixQuality NMEA GGA fix quality (0 none, 1 GNSS, 2 DGNSS ...)
 * @param satellites satellites used
 * @param monotonicNanos the gateway's monotonic clock when the fix was received
 */
public record GnssFix(
    double latitudeDeg,
    double longitudeDeg,
    double speedKmh,
    Instant utc,
    int fixQuality,
    int satellites,
    long monotonicNanos) {

  public GnssFix {
    if (latitudeDeg < -90 || latitudeDeg > 90) {
      throw new IllegalArgumentException("latitude out of range: " + latitudeDeg);
    }
    if (longitudeDeg < -180 || longitudeDeg > 180) {
      throw new IllegalArgumentException("longitude out of range: " + longitudeDeg);
    }
  }
}
