package io.locolink.simulator.physics;

import java.util.Objects;

/**
 * A waypoint of a route.
 *
 * @param name place name (may be empty)
 * @param latitudeDeg WGS-84 latitude, degrees
 * @param longitudeDeg WGS-84 longitude, degrees
 * @param elevationM elevation above sea level, metres
 * @param curveRadiusM radius of the track from this point to the next, metres
 *     ({@link Double#POSITIVE_INFINITY} on straight track)
 */
public record RoutePoint(String name, double latitudeDeg, double longitudeDeg, double elevationM,
    double curveRadiusM) {

  public RoutePoint {
    Objects.requireNonNull(name, "name");
    if (latitudeDeg < -90 || latitudeDeg > 90 || longitudeDeg < -180 || longitudeDeg > 180) {
      throw new IllegalArgumentException("coordinates out of range: " + latitudeDeg + ", " + longitudeDeg);
    }
    if (!(curveRadiusM > 0)) {
      throw new IllegalArgumentException("curve radius must be > 0 (infinite on straight track)");
    }
  }

  /** A waypoint on straight track. */
  public static RoutePoint straight(String name, double latitudeDeg, double longitudeDeg, double elevationM) {
    return new RoutePoint(name, latitudeDeg, longitudeDeg, elevationM, Double.POSITIVE_INFINITY);
  }
}
