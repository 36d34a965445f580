package io.locolink.simulator.physics;

import java.util.random.RandomGenerator;

/**
 * The traction battery as series blocks of parallel LFP cells, each block a Thevenin equivalent
 * circuit (OCV(SoC, T) with hysteresis, R0, R1‖C1) with its own capacity and resistance drawn
 * from the manufacturing spread, and its own temperature, coupled to a pack coolant node that
 * the heater warms and to ambient through the enclosure (end blocks lose more heat).
 *
 * <p>Sign convention: current positive when discharging. Call {@link #prepare()} at the start of
 * every step before the limit and power queries, then {@link #apply}. Not thread-safe.
 */
public final class BatteryPack {

  /** Half of the OCV hysteresis band (reference: 5–25 mV), volts. */
  public static final double HYSTERESIS_HALF_V = 0.0075;
  private static final double HYSTERESIS_SOC_SPAN = 0.05;
  /** Resistance rises e-fold per 27 K of cooling: ×2.5 at 0 °C, ×5 at −20 °C [est]. */
  private static final double RESISTANCE_PER_K = 0.0367;
  private static final double BLOCK_TO_NODE_PER_CELL_W_PER_K = 4.0;
  private static final double NODE_HEAT_CAPACITY_J_PER_K = 300_000;
  private static final double BALANCE_THRESHOLD_V = 0.010;
  private static final double BALANCE_MIN_V = 3.40;
  private static final double BALANCE_BLEED_A = 0.5;
  private static final double COOLING_START_C = 35;

  private final PackSpec spec;
  private final int n;
  private final double[] capacityAs;
  private final double[] r0Ohm;
  private final double[] r1Ohm;
  private final double[] gAmbientWPerK;
  private final double[] soc;
  private final double[] v1;
  private final double[] hysteresisV;
  private final double[] tempC;
  private final double[] emfV;
  private final double[] r0NowOhm;
  private final boolean[] balancing;
  private final double blockHeatCapacity;
  private final double gNode;
  private final double capacityTotalAs;
  private double nodeC;
  private double emfSumV;
  private double r0SumOhm;
  private double coldestC;
  private double hottestC;
  private double currentA;
  private double minCellV;
  private double maxCellV;
  private double decayDtS = Double.NaN;
  private double decay;

  /**
   * A pack at rest, all blocks at one temperature, block states of charge within ±0.3 %.
   *
   * @param initialSoc state of charge, 0..1
   * @param initialC cell and coolant temperature, degrees Celsius
   * @param rng draws the cell-to-cell spread
   */
  public BatteryPack(PackSpec spec, double initialSoc, double initialC, RandomGenerator rng) {
    this.spec = spec;
    this.n = spec.seriesCells();
    capacityAs = new double[n];
    r0Ohm = new double[n];
    r1Ohm = new double[n];
    gAmbientWPerK = new double[n];
    soc = new double[n];
    v1 = new double[n];
    hysteresisV = new double[n];
    tempC = new double[n];
    emfV = new double[n];
    r0NowOhm = new double[n];
    balancing = new boolean[n];
    double exposureSum = 0;
    double total = 0;
    for (int b = 0; b < n; b++) {
      double capAh = 0;
      double conductance = 0;
      for (int p = 0; p < spec.parallelStrings(); p++) {
        capAh += spec.cellCapacityAh() * spec.stateOfHealth() * (1 + spec.capacitySpreadRel() * clampedGauss(rng));
        conductance += 1.0 / (1 + spec.resistanceSpreadRel() * clampedGauss(rng));
      }
      capacityAs[b] = capAh * 3600;
      total += capacityAs[b];
      r0Ohm[b] = spec.cellR0Ohm() / conductance;
      r1Ohm[b] = spec.cellR1Ohm() / conductance;
      double edge = Math.abs(2.0 * b / Math.max(1, n - 1) - 1);
      gAmbientWPerK[b] = (0.5 + edge * edge) * (1 + 0.1 * clampedGauss(rng));
      exposureSum += gAmbientWPerK[b];
      soc[b] = clamp01(initialSoc + 0.003 * clampedGauss(rng));
      tempC[b] = initialC;
    }
    for (int b = 0; b < n; b++) {
      gAmbientWPerK[b] *= spec.enclosureUaWPerK() / exposureSum;
    }
    capacityTotalAs = total;
    blockHeatCapacity = spec.cellHeatCapacityJPerK() * spec.parallelStrings();
    gNode = BLOCK_TO_NODE_PER_CELL_W_PER_K * spec.parallelStrings();
    nodeC = initialC;
    prepare();
  }

  private static double clampedGauss(RandomGenerator rng) {
    return Math.max(-3, Math.min(3, rng.nextGaussian()));
  }

  private static double clamp01(double x) {
    return Math.max(0, Math.min(1, x));
  }

  /** Resistance multiplier at a cell temperature (1 at 25 °C, never below 0.8). */
  public static double resistanceFactor(double cellC) {
    return Math.max(0.8, Math.exp(RESISTANCE_PER_K * (25 - cellC)));
  }

  /** Recomputes each block's source voltage and resistance from its state. */
  public void prepare() {
    double e = 0;
    double r = 0;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int b = 0; b < n; b++) {
      emfV[b] = OcvCurve.volts(soc[b], tempC[b]) + hysteresisV[b] - v1[b];
      r0NowOhm[b] = r0Ohm[b] * resistanceFactor(tempC[b]);
      e += emfV[b];
      r += r0NowOhm[b];
      lo = Math.min(lo, tempC[b]);
      hi = Math.max(hi, tempC[b]);
    }
    emfSumV = e;
    r0SumOhm = r;
    coldestC = lo;
    hottestC = hi;
  }

  /** Largest discharge current the BMS allows now, amperes (≥ 0). */
  public double dischargeLimitA() {
    double limit = ChargeLimits.dischargeCRate(coldestC, hottestC) * spec.ratedPackAh();
    for (int b = 0; b < n; b++) {
      limit = Math.min(limit, (emfV[b] - ChargeLimits.DISCHARGE_CELL_LIMIT_V) / r0NowOhm[b]);
    }
    return Math.max(0, limit);
  }

  /** Largest charge current the BMS allows now, amperes (≥ 0). */
  public double chargeLimitA() {
    double limit = ChargeLimits.chargeCRate(coldestC, hottestC) * spec.ratedPackAh();
    for (int b = 0; b < n; b++) {
      limit = Math.min(limit, (ChargeLimits.CHARGE_CELL_LIMIT_V - emfV[b]) / r0NowOhm[b]);
    }
    return Math.max(0, limit);
  }

  /** Terminal power at a current, watts (positive when discharging). */
  public double powerAtCurrentW(double current) {
    return (emfSumV - current * r0SumOhm) * current;
  }

  /**
   * The current that delivers a terminal power (the lower root of P = (E − I·R)·I), amperes.
   * Powers beyond the pack's maximum give the maximum-power current E / 2R.
   */
  public double currentForPowerA(double powerW) {
    double disc = emfSumV * emfSumV - 4 * r0SumOhm * powerW;
    if (disc <= 0) {
      return emfSumV / (2 * r0SumOhm);
    }
    return (emfSumV - Math.sqrt(disc)) / (2 * r0SumOhm);
  }

  /**
   * Passes a current for one step and advances charge, polarisation, hysteresis, balancing and
   * temperatures.
   *
   * @param current pack current, amperes, positive when discharging
   * @param dtS step, seconds
   * @param ambientC ambient temperature, degrees Celsius
   * @param heaterW heater power into the coolant node, watts
   * @param bmsAwake the BMS runs balancing and the chiller
   * @param ledger receives terminal, chemical and balancing energy
   */
  public void apply(double current, double dtS, double ambientC, double heaterW, boolean bmsAwake,
      EnergyLedger ledger) {
    currentA = current;
    if (dtS != decayDtS) {
      decayDtS = dtS;
      decay = Math.exp(-dtS / spec.tau1S());
    }
    double lowestV = Double.POSITIVE_INFINITY;
    for (int b = 0; b < n; b++) {
      lowestV = Math.min(lowestV, emfV[b] - current * r0NowOhm[b]);
    }
    double chemical = 0;
    double bled = 0;
    double nodeIn = heaterW;
    if (bmsAwake && nodeC > COOLING_START_C) {
      nodeIn -= spec.coolingW();
    }
    double span = HYSTERESIS_SOC_SPAN;
    for (int b = 0; b < n; b++) {
      double ocv = emfV[b] + v1[b];
      double cellV = emfV[b] - current * r0NowOhm[b];
      boolean bleed = bmsAwake && current <= 0 && cellV > BALANCE_MIN_V && cellV > lowestV + BALANCE_THRESHOLD_V;
      balancing[b] = bleed;
      double bleedA = bleed ? BALANCE_BLEED_A : 0;
      chemical += ocv * current * dtS;
      bled += ocv * bleedA * dtS;
      double chargeAs = (current + bleedA) * dtS;
      soc[b] = clamp01(soc[b] - chargeAs / capacityAs[b]);
      double target = current > 0 ? -HYSTERESIS_HALF_V : current < 0 ? HYSTERESIS_HALF_V : hysteresisV[b];
      double k = 1 - Math.exp(-Math.abs(chargeAs) / (span * capacityAs[b]));
      hysteresisV[b] += (target - hysteresisV[b]) * k;
      double r1 = r1Ohm[b] * resistanceFactor(tempC[b]);
      double heatW = current * current * r0NowOhm[b] + v1[b] * v1[b] / r1 + cellV * bleedA;
      v1[b] = v1[b] * decay + current * r1 * (1 - decay);
      double toNode = gNode * (nodeC - tempC[b]);
      nodeIn -= toNode;
      tempC[b] += dtS * (heatW + toNode + gAmbientWPerK[b] * (ambientC - tempC[b])) / blockHeatCapacity;
    }
    nodeC += dtS * nodeIn / NODE_HEAT_CAPACITY_J_PER_K;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int b = 0; b < n; b++) {
      double cellV = emfV[b] - current * r0NowOhm[b];
      lo = Math.min(lo, cellV);
      hi = Math.max(hi, cellV);
    }
    minCellV = lo;
    maxCellV = hi;
    double terminal = (emfSumV - current * r0SumOhm) * current * dtS;
    ledger.addBattery(terminal, chemical + bled, bled);
  }

  /** Lowest block terminal voltage during the last applied step, volts. */
  public double minCellV() {
    return minCellV;
  }

  /** Highest block terminal voltage during the last applied step, volts. */
  public double maxCellV() {
    return maxCellV;
  }

  /** Series blocks. */
  public int blocks() {
    return n;
  }

  /** Terminal voltage at the last applied current, volts (valid after {@link #prepare()}). */
  public double terminalVoltageV() {
    return emfSumV - currentA * r0SumOhm;
  }

  /** Terminal voltage at a given current, volts. */
  public double terminalVoltageV(double current) {
    return emfSumV - current * r0SumOhm;
  }

  /** Last applied current, amperes, positive when discharging. */
  public double currentA() {
    return currentA;
  }

  /** Fills {@code out} with every block's terminal voltage at the last current, volts. */
  public void cellVoltages(double[] out) {
    for (int b = 0; b < n; b++) {
      out[b] = emfV[b] - currentA * r0NowOhm[b];
    }
  }

  /** Fills {@code out} with every block's temperature, degrees Celsius. */
  public void cellTemperatures(double[] out) {
    System.arraycopy(tempC, 0, out, 0, n);
  }

  /** Fills {@code out} with the balancing flags. */
  public void balancing(boolean[] out) {
    System.arraycopy(balancing, 0, out, 0, n);
  }

  /** Charge-weighted true state of charge, 0..1. */
  public double soc() {
    double q = 0;
    for (int b = 0; b < n; b++) {
      q += soc[b] * capacityAs[b];
    }
    return q / capacityTotalAs;
  }

  /** A block's true state of charge, 0..1. */
  public double blockSoc(int block) {
    return soc[block];
  }

  /** A block's capacity, ampere-hours. */
  public double blockCapacityAh(int block) {
    return capacityAs[block] / 3600;
  }

  /** True state of health: mean block capacity against rated, 0..1. */
  public double soh() {
    return capacityTotalAs / 3600 / n / spec.ratedPackAh();
  }

  /** Coldest block, degrees Celsius (as of the last {@link #prepare()}). */
  public double coldestC() {
    return coldestC;
  }

  /** Hottest block, degrees Celsius (as of the last {@link #prepare()}). */
  public double hottestC() {
    return hottestC;
  }

  /** Coolant node temperature, degrees Celsius. */
  public double coolantC() {
    return nodeC;
  }
}
