package io.locolink.simulator.physics;

/** Direction of travel along a route's chainage. */
public enum TravelDirection {
  /** Towards increasing chainage. */
  UP(1),
  /** Towards decreasing chainage. */
  DOWN(-1);

  private final int sign;

  TravelDirection(int sign) {
    this.sign = sign;
  }

  /** +1 or −1. */
  public int sign() {
    return sign;
  }

  /** The other direction. */
  public TravelDirection reversed() {
    return this == UP ? DOWN : UP;
  }
}
