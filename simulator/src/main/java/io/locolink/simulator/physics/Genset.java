package io.locolink.simulator.physics;

/**
 * The diesel genset: fuel map, engine speed, coolant temperature and the start/stop strategy
 * that holds the battery's state of charge between the spec's thresholds. Not thread-safe.
 */
public final class Genset {

  private static final double WARM_COOLANT_C = 85;
  private static final double COOLANT_TAU_RUNNING_S = 600;
  private static final double COOLANT_TAU_STOPPED_S = 7_200;

  private final GensetSpec spec;
  private final double[] loads;
  private final double[] bsfc;
  private boolean running;
  private double runningForS;
  private double outputW;
  private double fuelFlowLph;
  private double fuelUsedL;
  private double coolantC;

  /** A stopped genset with its coolant at {@code initialC}. */
  public Genset(GensetSpec spec, double initialC) {
    this.spec = spec;
    this.loads = spec.loadPoints();
    this.bsfc = spec.bsfcKgPerKwh();
    this.coolantC = initialC;
  }

  /**
   * Decides whether the engine runs this step.
   *
   * @param soc battery state of charge, 0..1
   * @param batteryShortW demand the battery cannot cover alone, watts (≤ 0 when it can)
   * @param enabled the engine may run (key on)
   */
  public void decide(double soc, double batteryShortW, boolean enabled) {
    if (!enabled) {
      running = false;
      return;
    }
    if (!running && (soc < spec.socStart() || batteryShortW > 0)) {
      running = true;
      runningForS = 0;
    } else if (running && soc >= spec.socStop() && batteryShortW <= 0 && runningForS >= spec.minRunS()) {
      running = false;
    }
  }

  /** Electrical power the engine can deliver now, watts (0 while stopped or warming up). */
  public double availableW() {
    return running && runningForS >= spec.warmUpS() ? spec.ratedElectricW() : 0;
  }

  /** The strategy's electrical set point while running: its charging load point, watts. */
  public double setpointW() {
    return running ? spec.chargeLoadFraction() * spec.ratedElectricW() : 0;
  }

  /**
   * Runs the engine for one step at an electrical output.
   *
   * @param electricW electrical output, watts (0..{@link #availableW()})
   */
  public void step(double electricW, double dtS, double ambientC) {
    outputW = running ? electricW : 0;
    fuelFlowLph = running ? fuelLph(outputW / spec.alternatorEfficiency()) : 0;
    fuelUsedL += fuelFlowLph * dtS / 3600;
    if (running) {
      runningForS += dtS;
      coolantC += (WARM_COOLANT_C - coolantC) * dtS / COOLANT_TAU_RUNNING_S;
    } else {
      coolantC += (ambientC - coolantC) * dtS / COOLANT_TAU_STOPPED_S;
    }
  }

  /**
   * Fuel flow from the fuel map at a shaft power, litres per hour: idle flow at no load, then
   * bsfc interpolated by load fraction (held at the first point below it).
   */
  public double fuelLph(double shaftW) {
    double load = shaftW / (spec.ratedElectricW() / spec.alternatorEfficiency());
    if (load <= 0) {
      return spec.idleFuelLph();
    }
    double kgPerKwh;
    if (load <= loads[0]) {
      double atFirst = bsfc[0] * loads[0] * spec.ratedElectricW() / spec.alternatorEfficiency() / 1000
          / spec.fuelDensityKgPerL();
      return spec.idleFuelLph() + (atFirst - spec.idleFuelLph()) * load / loads[0];
    } else if (load >= loads[loads.length - 1]) {
      kgPerKwh = bsfc[bsfc.length - 1];
    } else {
      int i = 1;
      while (loads[i] < load) {
        i++;
      }
      double f = (load - loads[i - 1]) / (loads[i] - loads[i - 1]);
      kgPerKwh = bsfc[i - 1] + f * (bsfc[i] - bsfc[i - 1]);
    }
    return kgPerKwh * shaftW / 1000 / spec.fuelDensityKgPerL();
  }

  /** The genset's state for a snapshot. */
  public LocomotiveState.GensetState state() {
    double load = outputW / spec.ratedElectricW();
    double rpm = running ? spec.idleRpm() + (spec.ratedRpm() - spec.idleRpm()) * Math.min(1, load) : 0;
    return new LocomotiveState.GensetState(running, rpm, outputW / 1000, fuelFlowLph, fuelUsedL, coolantC);
  }

  /** Fuel used since the start, litres. */
  public double fuelUsedL() {
    return fuelUsedL;
  }

  /** Engine running. */
  public boolean running() {
    return running;
  }
}
