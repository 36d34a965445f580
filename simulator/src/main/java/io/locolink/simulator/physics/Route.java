package io.locolink.simulator.physics;

import java.util.List;
import java.util.Objects;

/**
 * A track as a polyline of waypoints: chainage from great-circle distances, gradient from the
 * waypoints' elevations, curve radius per segment, and linear interpolation of position.
 * Immutable and thread-safe.
 */
public final class Route {

  private static final double EARTH_RADIUS_M = 6_371_000;

  private final String name;
  private final List<RoutePoint> points;
  private final double[] chainageM;
  private final double[] gradientPermille;

  /**
   * @param name route name
   * @param points at least two waypoints in order of travel
   */
  public Route(String name, List<RoutePoint> points) {
    this.name = Objects.requireNonNull(name, "name");
    this.points = List.copyOf(points);
    if (this.points.size() < 2) {
      throw new IllegalArgumentException("route " + name + " needs at least two points");
    }
    chainageM = new double[this.points.size()];
    gradientPermille = new double[this.points.size()];
    for (int i = 1; i < chainageM.length; i++) {
      RoutePoint a = this.points.get(i - 1);
      RoutePoint b = this.points.get(i);
      double d = distanceM(a.latitudeDeg(), a.longitudeDeg(), b.latitudeDeg(), b.longitudeDeg());
      if (d < 1) {
        throw new IllegalArgumentException("route " + name + ": points " + (i - 1) + " and " + i + " coincide");
      }
      chainageM[i] = chainageM[i - 1] + d;
      gradientPermille[i - 1] = (b.elevationM() - a.elevationM()) / d * 1000;
    }
    gradientPermille[chainageM.length - 1] = gradientPermille[chainageM.length - 2];
  }

  /** Great-circle (haversine) distance, metres. */
  public static double distanceM(double lat1, double lon1, double lat2, double lon2) {
    double p1 = Math.toRadians(lat1);
    double p2 = Math.toRadians(lat2);
    double dp = p2 - p1;
    double dl = Math.toRadians(lon2 - lon1);
    double h = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
    return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  private int segment(double positionM) {
    int lo = 0;
    int hi = chainageM.length - 2;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (chainageM[mid] <= positionM) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  private double fraction(int seg, double positionM) {
    double f = (positionM - chainageM[seg]) / (chainageM[seg + 1] - chainageM[seg]);
    return Math.max(0, Math.min(1, f));
  }

  /** Gradient at a chainage in the direction of increasing chainage, per mille (uphill positive). */
  public double gradientPermilleAt(double positionM) {
    return gradientPermille[segment(positionM)];
  }

  /** Curve radius at a chainage, metres (infinite on straight track). */
  public double curveRadiusAt(double positionM) {
    return points.get(segment(positionM)).curveRadiusM();
  }

  /** Latitude at a chainage, degrees. */
  public double latitudeAt(double positionM) {
    int s = segment(positionM);
    double f = fraction(s, positionM);
    return points.get(s).latitudeDeg() + f * (points.get(s + 1).latitudeDeg() - points.get(s).latitudeDeg());
  }

  /** Longitude at a chainage, degrees. */
  public double longitudeAt(double positionM) {
    int s = segment(positionM);
    double f = fraction(s, positionM);
    return points.get(s).longitudeDeg() + f * (points.get(s + 1).longitudeDeg() - points.get(s).longitudeDeg());
  }

  /** Elevation at a chainage, metres. */
  public double elevationAt(double positionM) {
    int s = segment(positionM);
    double f = fraction(s, positionM);
    return points.get(s).elevationM() + f * (points.get(s + 1).elevationM() - points.get(s).elevationM());
  }

  /** Route length, metres. */
  public double lengthM() {
    return chainageM[chainageM.length - 1];
  }

  /** Chainage of waypoint {@code i}, metres. */
  public double chainageOf(int i) {
    return chainageM[i];
  }

  /** The waypoints. */
  public List<RoutePoint> points() {
    return points;
  }

  /** Route name. */
  public String name() {
    return name;
  }
}
