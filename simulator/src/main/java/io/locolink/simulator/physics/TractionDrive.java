package io.locolink.simulator.physics;

/**
 * One traction drive: a loss map of the inverter and permanent-magnet motor (copper loss with
 * the square of torque, iron loss with speed^1.5, inverter loss with current) and lumped thermal
 * models of winding, bearing, inverter heatsink and coolant. Not thread-safe.
 */
public final class TractionDrive {

  private static final double IRON_SHARE_IN_WINDING = 0.7;
  private static final double BEARING_FRICTION_AT_MAX_W = 300;
  private static final double BEARING_HEAT_CAPACITY_J_PER_K = 20_000;
  private static final double WINDING_TO_BEARING_W_PER_K = 3;
  private static final double BEARING_TO_AMBIENT_W_PER_K = 15;

  private final DriveSpec spec;
  private final double peakForceN;
  private final double revPerM;
  private double windingC;
  private double bearingC;
  private double inverterC;
  private double coolantC;
  private double dcCurrentA;
  private double rpm;

  /**
   * @param peakForceN this drive's share of the adhesion-limited tractive effort, newtons
   * @param initialC starting temperature of every part, degrees Celsius
   */
  public TractionDrive(DriveSpec spec, double peakForceN, double initialC) {
    this.spec = spec;
    this.peakForceN = peakForceN;
    this.revPerM = spec.motorRevPerM();
    windingC = initialC;
    bearingC = initialC;
    inverterC = initialC;
    coolantC = initialC;
  }

  /**
   * Loss of the energised drive at a wheel force and speed, watts; zero when no torque is asked.
   *
   * @param forceN wheel force of this drive, newtons, negative when braking
   * @param speedMps speed, m/s
   */
  public double lossW(double forceN, double speedMps) {
    if (forceN == 0) {
      return 0;
    }
    double f = Math.abs(forceN) / peakForceN;
    return copperW(f) + ironW(speedMps) + inverterW(f);
  }

  /**
   * Efficiency at a wheel force and speed (mechanical out / electrical in when motoring), 0..1.
   * This is the drive's efficiency map.
   */
  public double motoringEfficiency(double forceN, double speedMps) {
    double mech = Math.abs(forceN) * speedMps;
    double loss = lossW(forceN, speedMps);
    return mech == 0 ? 0 : mech / (mech + loss);
  }

  private double copperW(double forceFraction) {
    return spec.copperLossAtPeakTorqueW() * forceFraction * forceFraction;
  }

  private double ironW(double speedMps) {
    double s = speedMps * 3.6 / spec.topSpeedKmh();
    return spec.ironLossAtMaxRpmW() * Math.pow(s, 1.5);
  }

  private double inverterW(double forceFraction) {
    return spec.inverterLossAtPeakW() * (0.2 + 0.8 * forceFraction);
  }

  /**
   * Runs the drive for one step and returns its electrical power from the DC link, watts
   * (negative while regenerating).
   *
   * @param forceN wheel force, newtons, negative when braking electrically
   * @param speedMps speed, m/s
   * @param dcLinkV DC-link voltage, volts
   * @param dtS step, seconds
   * @param ambientC ambient temperature, degrees Celsius
   */
  public double step(double forceN, double speedMps, double dcLinkV, double dtS, double ambientC) {
    double f = Math.abs(forceN) / peakForceN;
    boolean energised = forceN != 0;
    double copper = energised ? copperW(f) : 0;
    double iron = energised ? ironW(speedMps) : 0;
    double inverter = energised ? inverterW(f) : 0;
    double electricW = forceN * speedMps + copper + iron + inverter;
    dcCurrentA = dcLinkV > 1 ? electricW / dcLinkV : 0;
    rpm = speedMps * revPerM * 60;
    double speedFraction = speedMps * 3.6 / spec.topSpeedKmh();
    double bearingFriction = BEARING_FRICTION_AT_MAX_W * Math.pow(speedFraction, 1.5);
    double windingToCoolant = spec.windingToCoolantWPerK() * (windingC - coolantC);
    double windingToBearing = WINDING_TO_BEARING_W_PER_K * (windingC - bearingC);
    double inverterToCoolant = spec.inverterToCoolantWPerK() * (inverterC - coolantC);
    double radiator = spec.radiatorWPerK() * thermostat(coolantC) * (coolantC - ambientC);
    windingC += dtS * (copper + IRON_SHARE_IN_WINDING * iron - windingToCoolant - windingToBearing)
        / spec.windingHeatCapacityJPerK();
    bearingC += dtS * (bearingFriction + windingToBearing - BEARING_TO_AMBIENT_W_PER_K * (bearingC - ambientC))
        / BEARING_HEAT_CAPACITY_J_PER_K;
    inverterC += dtS * (inverter - inverterToCoolant) / spec.inverterHeatCapacityJPerK();
    coolantC += dtS * (windingToCoolant + inverterToCoolant + (1 - IRON_SHARE_IN_WINDING) * iron - radiator)
        / spec.coolantHeatCapacityJPerK();
    return electricW;
  }

  /** Share of the radiator in use: fans and shutters open from 30 °C, fully at 50 °C. */
  private static double thermostat(double coolantC) {
    return Math.max(0.05, Math.min(1, (coolantC - 30) / 20));
  }

  /** This drive's state for a snapshot. */
  public LocomotiveState.DriveState state(double dcLinkV) {
    return new LocomotiveState.DriveState(dcCurrentA, rpm, dcLinkV, windingC, bearingC, inverterC, coolantC);
  }

  /** Winding temperature, degrees Celsius. */
  public double windingC() {
    return windingC;
  }
}
