package io.locolink.simulator.physics;

/** Which energy sources a locomotive carries. */
public enum VehicleKind {
  /** Diesel genset plus battery. */
  HYBRID,
  /** Battery only, charged at the depot. */
  BATTERY
}
