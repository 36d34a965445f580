package io.locolink.simulator.physics;

import java.util.List;
import java.util.Set;

/**
 * Built-in routes at real places in Kazakhstan. Coordinates and elevations are approximate
 * (read from public maps to about 100 m and 10 m); gradients follow from the elevations.
 */
public final class Routes {

  private Routes() {}

  /** Names accepted by {@link #named(String)}. */
  public static Set<String> names() {
    return Set.of("astana-1-yard", "astana-karaganda", "almaty-1-depot");
  }

  /**
   * A built-in route by name.
   *
   * @throws IllegalArgumentException naming the known routes if there is no such route
   */
  public static Route named(String name) {
    return switch (name) {
      case "astana-1-yard" -> astanaYard();
      case "astana-karaganda" -> astanaKaraganda();
      case "almaty-1-depot" -> almatyDepot();
      default -> throw new IllegalArgumentException("unknown route '" + name + "'; known: " + names());
    };
  }

  /** A 2.4 km shunting lead along the Astana-1 yard, west to east, with a 300 m curve at the west throat. */
  public static Route astanaYard() {
    return new Route("astana-1-yard", List.of(
        new RoutePoint("Astana-1 yard, west throat", 51.1950, 71.3900, 347.0, 300),
        RoutePoint.straight("", 51.1953, 71.3990, 347.5),
        RoutePoint.straight("Astana-1 yard, middle", 51.1957, 71.4080, 348.0),
        new RoutePoint("", 51.1962, 71.4170, 347.6, 800),
        RoutePoint.straight("Astana-1 yard, east throat", 51.1968, 71.4250, 347.0)));
  }

  /**
   * The line from Astana-1 south-east to Karaganda-Sortirovochnaya (≈ 210 km), rising from the
   * Ishim plain over the Kazakh uplands, down to the Nura and up again to Karaganda.
   */
  public static Route astanaKaraganda() {
    return new Route("astana-karaganda", List.of(
        RoutePoint.straight("Astana-1", 51.1950, 71.4100, 347),
        new RoutePoint("", 51.1300, 71.5400, 355, 1_200),
        RoutePoint.straight("", 51.0500, 71.7000, 372),
        RoutePoint.straight("", 50.9600, 71.8600, 398),
        new RoutePoint("", 50.8700, 72.0300, 425, 1_000),
        RoutePoint.straight("", 50.7600, 72.2200, 452),
        RoutePoint.straight("", 50.6500, 72.4000, 478),
        new RoutePoint("Osakarovka", 50.5600, 72.5700, 500, 800),
        RoutePoint.straight("", 50.4400, 72.7000, 478),
        RoutePoint.straight("Nura crossing", 50.3100, 72.8300, 462),
        new RoutePoint("", 50.1700, 72.9500, 500, 1_000),
        RoutePoint.straight("", 50.0200, 73.0400, 530),
        RoutePoint.straight("Karaganda-Sortirovochnaya", 49.8800, 73.1300, 552)));
  }

  /** A 400 m depot track at Almaty-1 with the charging point at its east end. */
  public static Route almatyDepot() {
    return new Route("almaty-1-depot", List.of(
        RoutePoint.straight("Almaty-1 depot, entry", 43.3418, 76.9450, 690),
        RoutePoint.straight("Almaty-1 depot, charging point", 43.3420, 76.9499, 690)));
  }
}
