package io.locolink.simulator.physics;

import java.time.Instant;
import java.util.Objects;

/**
 * Where and how a simulation starts.
 *
 * @param startUtc UTC at simulated time zero
 * @param positionM chainage on the route, metres
 * @param direction direction the locomotive faces
 * @param soc battery state of charge, 0..1
 * @param vehicleC temperature of the pack, drives and engine at the start, degrees Celsius
 * @param ambientC ambient temperature, degrees Celsius
 * @param load wagons coupled at the start
 */
public record InitialConditions(Instant startUtc, double positionM, TravelDirection direction,
    double soc, double vehicleC, double ambientC, TrailingLoad load) {

  public InitialConditions {
    Objects.requireNonNull(startUtc, "startUtc");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(load, "load");
    if (soc < 0 || soc > 1) {
      throw new IllegalArgumentException("soc must be in 0..1: " + soc);
    }
    if (ambientC < -60 || ambientC > 60 || vehicleC < -60 || vehicleC > 80) {
      throw new IllegalArgumentException("temperatures out of range: ambient " + ambientC + ", vehicle " + vehicleC);
    }
  }
}
