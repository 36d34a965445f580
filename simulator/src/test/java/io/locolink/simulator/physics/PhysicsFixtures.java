package io.locolink.simulator.physics;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/** Small builders shared by the physics tests. */
final class PhysicsFixtures {

  static final Instant START = Instant.parse("2026-06-01T06:00:00Z");

  private PhysicsFixtures() {}

  /** 50 km of level straight track on the steppe west of Astana. */
  static Route levelTrack() {
    return new Route("level", List.of(
        RoutePoint.straight("a", 51.0, 71.0, 350),
        RoutePoint.straight("b", 51.0, 71.72, 350)));
  }

  static LocomotiveSimulation battery(Route route, double soc, double celsius, TrailingLoad load, long seed) {
    return new LocomotiveSimulation(VehicleSpec.batteryLocomotive(), route,
        new InitialConditions(START, 0, TravelDirection.UP, soc, celsius, celsius, load), new SplittableRandom(seed));
  }

  /** Steps with a fixed command for a duration. */
  static void run(LocomotiveSimulation loco, DriverCommand command, double seconds, double dtS) {
    loco.command(command);
    for (double t = 0; t < seconds - 1e-9; t += dtS) {
      loco.step(dtS);
    }
  }
}
