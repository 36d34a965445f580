package io.locolink.simulator.physics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.random.RandomGenerator;

/**
 * The reference locomotive as pure maths: longitudinal dynamics on a route, traction drives,
 * battery, genset and the energy management that splits the DC bus between them. Steps with an
 * explicit time step (stable up to a few seconds; 0.1–1 s is typical), no I/O, no wall clock;
 * all randomness comes from the injected generator. Not thread-safe.
 *
 * <p>Energy management per step: the battery management system's limits bound what the battery
 * may deliver or accept; the genset's strategy sets its output; auxiliaries and the pack heater
 * come first, traction gets what is left; electric braking regenerates up to what the battery
 * (plus the running loads) can accept and friction brakes take the rest.
 */
public final class LocomotiveSimulation implements LocomotiveModel {

  private static final double FULL_SERVICE_BRAKE_MPS2 = 0.6;
  private static final double WAGON_ROTATING_MASS_FACTOR = 0.05;
  private static final double POWER_SPEED_FLOOR_MPS = 1.0;
  private static final double REGEN_FADE_MPS = 1.0;
  private static final double HEATER_ON_C = 5;
  private static final double HEATER_OFF_C = 12;
  /** On the charger the pack is warmed to the full-rate charging range (≥ 10 °C). */
  private static final double CHARGE_HEATER_ON_C = 10;
  private static final double CHARGE_HEATER_OFF_C = 15;
  private static final double GENSET_BUS_V = 700;
  /** Cell voltages at which the BMS opens the contactors (the MSL limits), volts. */
  private static final double CELL_TRIP_HIGH_V = 3.65;
  private static final double CELL_TRIP_LOW_V = 2.50;

  private final VehicleSpec spec;
  private final Route route;
  private final Instant startUtc;
  private final BatteryPack pack;
  private final TractionDrive[] drives;
  private final Optional<Genset> genset;
  private final InsulationModel insulation;
  private final EnergyLedger ledger = new EnergyLedger();
  private final double adhesionForceN;
  private TrailingLoad load;
  private DriverCommand command;
  private TravelDirection direction;
  private double ambientC;
  private double timeS;
  private double speedMps;
  private double positionM;
  private double odometerM;
  private boolean heaterOn;
  private boolean contactorClosed;
  private boolean contactorTripped;
  private boolean chargeComplete;
  private double busV;
  private LocomotiveState snapshot;

  /**
   * @param rng seeded generator for the cell spread and insulation drift; kept by the model
   */
  public LocomotiveSimulation(VehicleSpec spec, Route route, InitialConditions init, RandomGenerator rng) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.route = Objects.requireNonNull(route, "route");
    Objects.requireNonNull(init, "init");
    if (init.positionM() < 0 || init.positionM() > route.lengthM()) {
      throw new IllegalArgumentException("start position " + init.positionM() + " m is off route " + route.name());
    }
    this.startUtc = init.startUtc();
    this.pack = new BatteryPack(spec.pack(), init.soc(), init.vehicleC(), rng);
    this.insulation = new InsulationModel(rng);
    this.adhesionForceN = spec.adhesionMu() * spec.massKg() * TrainResistance.G;
    this.drives = new TractionDrive[spec.driveCount()];
    for (int i = 0; i < drives.length; i++) {
      drives[i] = new TractionDrive(spec.drive(), adhesionForceN / drives.length, init.vehicleC());
    }
    this.genset = spec.genset().map(g -> new Genset(g, init.vehicleC()));
    this.load = init.load();
    this.direction = init.direction();
    this.command = DriverCommand.parked(init.direction());
    this.ambientC = init.ambientC();
    this.positionM = init.positionM();
    this.busV = pack.terminalVoltageV();
  }

  /** Sets what the driver asks for from the next step on. */
  public void command(DriverCommand next) {
    this.command = Objects.requireNonNull(next, "command");
  }

  /** Couples or uncouples wagons (takes effect at once; meant for standstill). */
  public void couple(TrailingLoad next) {
    this.load = Objects.requireNonNull(next, "load");
  }

  /** Sets the ambient temperature, degrees Celsius. */
  public void ambientC(double celsius) {
    this.ambientC = celsius;
  }

  /** Adds or removes an insulation leak to chassis (a fault), ohms. */
  public void insulationLeak(OptionalDouble ohm) {
    insulation.leak(ohm);
  }

  @Override
  public void step(double dtS) {
    if (!(dtS > 0 && dtS <= 10)) {
      throw new IllegalArgumentException("time step must be in (0, 10] s: " + dtS);
    }
    DriverCommand cmd = command;
    boolean charging = cmd.charger().isPresent();
    if (!charging) {
      chargeComplete = false;
    }
    if (!cmd.keyOn() && !charging) {
      contactorTripped = false;
    }
    pack.prepare();
    contactorClosed = (cmd.keyOn() || charging) && !contactorTripped;
    double iDis = contactorClosed ? pack.dischargeLimitA() : 0;
    double iChg = contactorClosed ? pack.chargeLimitA() : 0;
    double pDisMax = pack.powerAtCurrentW(iDis);
    double pChgMax = -pack.powerAtCurrentW(-iChg);

    boolean awake = cmd.keyOn() || charging;
    double heaterOnC = charging ? CHARGE_HEATER_ON_C : HEATER_ON_C;
    double heaterOffC = charging ? CHARGE_HEATER_OFF_C : HEATER_OFF_C;
    if (awake && pack.coldestC() < heaterOnC) {
      heaterOn = true;
    } else if (!awake || pack.coldestC() >= heaterOffC) {
      heaterOn = false;
    }
    double auxReqW = cmd.keyOn() ? spec.auxiliaryW() : 0;
    double heaterReqW = heaterOn ? spec.pack().heaterW() : 0;
    double pDepotMax = charging ? cmd.charger().orElseThrow().maxPowerW() : 0;

    if (speedMps == 0) {
      direction = cmd.direction();
    }
    double v = speedMps;
    double forceReqN = cmd.tractionDemand() > 0 && cmd.keyOn() && !charging
        ? Math.min(adhesionForceN, cmd.tractionDemand() * spec.tractionPowerW() / Math.max(v, POWER_SPEED_FLOOR_MPS))
        : 0;
    double tractionReqW = electricW(forceReqN, v);
    genset.ifPresent(g -> g.decide(pack.soc(), tractionReqW + auxReqW + heaterReqW - pDisMax - pDepotMax,
        cmd.keyOn() && !charging));
    double pGenMax = genset.map(Genset::availableW).orElse(0.0);
    double supplyW = pDisMax + pGenMax + pDepotMax;
    double heaterW = Math.min(heaterReqW, supplyW);
    double auxW = Math.min(auxReqW, supplyW - heaterW);
    double loadsW = auxW + heaterW;

    double forceN = limitTraction(forceReqN, v, supplyW - loadsW);
    double massKg = spec.massKg() + load.massKg();
    double effMassKg = spec.massKg() * (1 + spec.rotatingMassFactor()) + load.massKg() * (1 + WAGON_ROTATING_MASS_FACTOR);
    double brakeReqN = cmd.brakeDemand() * FULL_SERVICE_BRAKE_MPS2 * effMassKg;
    double regenN = forceN > 0 ? 0 : limitRegen(brakeReqN, v, pChgMax + loadsW);
    double frictionN = Math.max(0, brakeReqN - regenN);

    double gradeN = TrainResistance.newtons(route.gradientPermilleAt(positionM) * direction.sign(), massKg);
    double curveN = TrainResistance.newtons(TrainResistance.curveNPerKn(route.curveRadiusAt(positionM)), massKg);
    double newV;
    if (v > 0) {
      double net = forceN - regenN - frictionN - TrainResistance.runningN(spec, load, v * 3.6) - gradeN - curveN;
      newV = Math.max(0, v + net / effMassKg * dtS);
    } else {
      double net = forceN - TrainResistance.startingN(spec, load) - curveN - gradeN - frictionN;
      newV = net > 0 ? net / effMassKg * dtS : 0;
    }
    double travelled = (v + newV) / 2 * dtS;
    positionM += direction.sign() * travelled;
    if (positionM <= 0 || positionM >= route.lengthM()) {
      positionM = Math.max(0, Math.min(route.lengthM(), positionM));
      newV = 0;
    }
    odometerM += travelled;
    speedMps = newV;

    double tractionW = 0;
    double driveForceN = (forceN - regenN) / drives.length;
    for (TractionDrive d : drives) {
      tractionW += d.step(driveForceN, v, busV, dtS, ambientC);
    }
    double wheelW = (forceN - regenN) * v;
    ledger.addWheel(wheelW * dtS);
    ledger.addTractionLoss((tractionW - wheelW) * dtS);
    ledger.addFrictionBrake(frictionN * v * dtS);
    ledger.addAuxiliary(auxW * dtS);
    ledger.addHeater(heaterW * dtS);

    double busW = tractionW + loadsW;
    double depotW = 0;
    if (charging) {
      double chargeA = chargeComplete ? 0 : Math.min(cmd.charger().orElseThrow().maxCurrentA(), iChg);
      if (!chargeComplete && iChg < cmd.charger().orElseThrow().endCurrentA() && pack.soc() > 0.9) {
        chargeComplete = true;
      }
      depotW = Math.max(0, Math.min(pDepotMax, busW - pack.powerAtCurrentW(-chargeA)));
    }
    double genW = 0;
    if (genset.isPresent()) {
      double lo = busW - depotW - pDisMax;
      double hi = busW - depotW + pChgMax;
      genW = Math.max(0, Math.min(pGenMax, Math.max(lo, Math.min(hi, genset.get().setpointW()))));
      genset.get().step(genW, dtS, ambientC);
    }
    ledger.addGenset(genW * dtS);
    ledger.addDepot(depotW * dtS);
    double batteryW = contactorClosed ? busW - genW - depotW : 0;
    double current = batteryW == 0 ? 0 : pack.currentForPowerA(batteryW);
    pack.apply(current, dtS, ambientC, heaterW, awake, ledger);
    ledger.attributeBraking(-tractionW * dtS);
    if (pack.maxCellV() > CELL_TRIP_HIGH_V || pack.minCellV() < CELL_TRIP_LOW_V) {
      contactorTripped = true;
    }
    insulation.step(dtS);
    busV = contactorClosed ? pack.terminalVoltageV() : genW > 0 ? GENSET_BUS_V : 0;
    timeS += dtS;
    snapshot = null;
  }

  /** Electrical power all drives draw for a total wheel force at a speed, watts. */
  private double electricW(double totalForceN, double v) {
    double each = totalForceN / drives.length;
    return totalForceN * v + drives.length * drives[0].lossW(each, v);
  }

  private double limitTraction(double forceReqN, double v, double availableW) {
    if (forceReqN <= 0 || electricW(forceReqN, v) <= availableW) {
      return forceReqN;
    }
    double lo = 0;
    double hi = forceReqN;
    for (int i = 0; i < 30; i++) {
      double mid = (lo + hi) / 2;
      if (electricW(mid, v) <= availableW) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private double limitRegen(double brakeReqN, double v, double acceptW) {
    if (brakeReqN <= 0 || v < REGEN_FADE_MPS) {
      return 0;
    }
    double max = Math.min(Math.min(brakeReqN, adhesionForceN), spec.tractionPowerW() / v);
    if (-electricW(-max, v) <= acceptW) {
      return -electricW(-max, v) > 0 ? max : 0;
    }
    double lo = 0;
    double hi = max;
    for (int i = 0; i < 30; i++) {
      double mid = (lo + hi) / 2;
      if (-electricW(-mid, v) <= acceptW) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return -electricW(-lo, v) > 0 ? lo : 0;
  }

  @Override
  public LocomotiveState state() {
    LocomotiveState s = snapshot;
    if (s == null) {
      s = buildState();
      snapshot = s;
    }
    return s;
  }

  private LocomotiveState buildState() {
    int n = pack.blocks();
    double[] volts = new double[n];
    double[] temps = new double[n];
    boolean[] bal = new boolean[n];
    pack.cellVoltages(volts);
    pack.cellTemperatures(temps);
    pack.balancing(bal);
    List<LocomotiveState.DriveState> driveStates = new ArrayList<>(drives.length);
    for (TractionDrive d : drives) {
      driveStates.add(d.state(busV));
    }
    EnergyLedger.EnergyTotals t = ledger.totals();
    double packC = (pack.coldestC() + pack.hottestC()) / 2;
    return new LocomotiveState(timeS, startUtc.plusNanos(Math.round(timeS * 1e9)), speedMps * 3.6, odometerM,
        route.latitudeAt(positionM), route.longitudeAt(positionM), pack.terminalVoltageV(), pack.currentA(),
        volts, temps, bal, pack.soc(), pack.soh(), insulation.ohm(packC), contactorClosed,
        spec.pack().parallelStrings(), driveStates, genset.map(Genset::state), ambientC, command.keyOn(),
        t.wheelNetJ(), t.batteryTerminalOutJ());
  }

  /** Cumulative energy flows so far. */
  public EnergyLedger.EnergyTotals energy() {
    return ledger.totals();
  }

  /** The battery (for tests and diagnostics; do not step it). */
  public BatteryPack pack() {
    return pack;
  }

  /** The vehicle's build. */
  public VehicleSpec spec() {
    return spec;
  }

  /** The route. */
  public Route route() {
    return route;
  }

  /** Chainage on the route, metres. */
  public double positionM() {
    return positionM;
  }

  /** Current direction of travel. */
  public TravelDirection direction() {
    return direction;
  }

  /** Speed, m/s. */
  public double speedMps() {
    return speedMps;
  }

  /** Wagons coupled now. */
  public TrailingLoad load() {
    return load;
  }

  /** Whether the depot charge has finished. */
  public boolean chargeComplete() {
    return chargeComplete;
  }
}
