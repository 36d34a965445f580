package io.locolink.simulator.physics;

import java.util.Objects;
import java.util.Optional;

/**
 * A locomotive's build: mass, adhesion, drives, auxiliaries, battery and (on a hybrid) genset.
 *
 * @param name short name, e.g. {@code hybrid-shunter}
 * @param kind hybrid or battery
 * @param massKg service mass, kilograms
 * @param axles powered axles
 * @param adhesionMu adhesion coefficient for tractive and electric braking effort
 * @param rotatingMassFactor equivalent rotating mass as a fraction of the locomotive's mass
 * @param driveCount traction drives
 * @param drive one traction drive
 * @param auxiliaryW auxiliaries while the key is on (compressor, fans, cab, control), watts
 * @param pack the traction battery
 * @param genset the genset, empty on a battery locomotive
 */
public record VehicleSpec(
    String name,
    VehicleKind kind,
    double massKg,
    int axles,
    double adhesionMu,
    double rotatingMassFactor,
    int driveCount,
    DriveSpec drive,
    double auxiliaryW,
    PackSpec pack,
    Optional<GensetSpec> genset) {

  public VehicleSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(drive, "drive");
    Objects.requireNonNull(pack, "pack");
    Objects.requireNonNull(genset, "genset");
    if (massKg <= 0 || axles < 1 || driveCount < 1) {
      throw new IllegalArgumentException("mass, axles and drives must be positive");
    }
    if (kind == VehicleKind.HYBRID && genset.isEmpty()) {
      throw new IllegalArgumentException("a hybrid needs a genset");
    }
    if (kind == VehicleKind.BATTERY && genset.isPresent()) {
      throw new IllegalArgumentException("a battery locomotive has no genset");
    }
  }

  /**
   * The reference diesel–battery hybrid shunter: 6 axles × 24 t = 144 t, μ = 0.30, six 200 kW
   * axle drives (1.2 MW), 970 kWh pack, 540 kW genset, 25 kW auxiliaries [est].
   */
  public static VehicleSpec hybridShunter() {
    return new VehicleSpec("hybrid-shunter", VehicleKind.HYBRID, 144_000, 6, 0.30, 0.15, 6,
        DriveSpec.axleDrive200kW(), 25_000, PackSpec.reference(), Optional.of(GensetSpec.reference540kW()));
  }

  /**
   * The battery sibling: 6 axles × 25 t = 150 t, μ = 0.33 (≈ 485 kN starting effort against the
   * ~520 kN quoted), 1.2 MW, 970 kWh, charged at the depot, 25 kW auxiliaries [est].
   */
  public static VehicleSpec batteryLocomotive() {
    return new VehicleSpec("battery-locomotive", VehicleKind.BATTERY, 150_000, 6, 0.33, 0.15, 6,
        DriveSpec.axleDrive200kW(), 25_000, PackSpec.reference(), Optional.empty());
  }

  /**
   * The same locomotive with another pack topology and number of drives (each drive keeps its
   * rating, so traction power scales with the count).
   */
  public VehicleSpec withBuild(int seriesCells, int parallelStrings, int drives) {
    return new VehicleSpec(name, kind, massKg, axles, adhesionMu, rotatingMassFactor, drives, drive, auxiliaryW,
        pack.withTopology(seriesCells, parallelStrings), genset);
  }

  /** Rated traction power at the wheels, watts. */
  public double tractionPowerW() {
    return drive.ratedPowerW() * driveCount;
  }

  /** Axle load, tonnes. */
  public double axleLoadT() {
    return massKg / 1000.0 / axles;
  }
}
