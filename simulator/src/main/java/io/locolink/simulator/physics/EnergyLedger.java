package io.locolink.simulator.physics;

/**
 * Cumulative energy flows of one simulation, joules: where every joule on the DC bus came from
 * and went. Written only by the model's stepping thread; read a consistent copy with
 * {@link #totals()}.
 */
public final class EnergyLedger {

  private double wheelTractionJ;
  private double wheelRegenJ;
  private double tractionLossJ;
  private double frictionBrakeJ;
  private double auxiliaryJ;
  private double heaterJ;
  private double gensetJ;
  private double depotJ;
  private double batteryTerminalOutJ;
  private double batteryDischargeJ;
  private double batteryChargeJ;
  private double brakingChargeJ;
  private double lastStepChargeJ;
  private double batteryChemicalOutJ;
  private double balancingJ;

  void addWheel(double mechanicalJ) {
    if (mechanicalJ >= 0) {
      wheelTractionJ += mechanicalJ;
    } else {
      wheelRegenJ -= mechanicalJ;
    }
  }

  void addTractionLoss(double j) {
    tractionLossJ += j;
  }

  void addFrictionBrake(double j) {
    frictionBrakeJ += j;
  }

  void addAuxiliary(double j) {
    auxiliaryJ += j;
  }

  void addHeater(double j) {
    heaterJ += j;
  }

  void addGenset(double j) {
    gensetJ += j;
  }

  void addDepot(double j) {
    depotJ += j;
  }

  void addBattery(double terminalOutJ, double chemicalOutJ, double balancingBleedJ) {
    batteryTerminalOutJ += terminalOutJ;
    batteryDischargeJ += Math.max(terminalOutJ, 0);
    lastStepChargeJ = Math.max(-terminalOutJ, 0);
    batteryChargeJ += lastStepChargeJ;
    batteryChemicalOutJ += chemicalOutJ;
    balancingJ += balancingBleedJ;
  }

  /**
   * Books the part of the last step's battery charge that braking supplied: charge goes first to
   * braking, up to the electrical energy the drives returned to the DC bus in that step (the
   * rest came from the genset or the depot charger). Call after the step's battery energy.
   *
   * @param drivesReturnedJ electrical energy the drives returned to the bus in the step, >= 0
   */
  void attributeBraking(double drivesReturnedJ) {
    brakingChargeJ += Math.min(lastStepChargeJ, Math.max(drivesReturnedJ, 0));
  }

  /** A copy of the totals so far. */
  public EnergyTotals totals() {
    return new EnergyTotals(wheelTractionJ, wheelRegenJ, tractionLossJ, frictionBrakeJ, auxiliaryJ,
        heaterJ, gensetJ, depotJ, batteryTerminalOutJ, batteryChemicalOutJ, balancingJ, batteryDischargeJ,
        batteryChargeJ, brakingChargeJ);
  }

  /**
   * Cumulative energy flows, joules.
   *
   * @param wheelTractionJ mechanical energy the drives delivered at the wheels while motoring
   * @param wheelRegenJ mechanical energy the drives took from the wheels while braking
   * @param tractionLossJ motor, inverter and gear losses in both directions
   * @param frictionBrakeJ energy dissipated by friction (air) brakes
   * @param auxiliaryJ auxiliaries
   * @param heaterJ pack heater
   * @param gensetJ electrical energy delivered by the genset
   * @param depotJ electrical energy delivered by the depot charger
   * @param batteryTerminalOutJ energy out of the battery terminals (charge counts negative)
   * @param batteryChemicalOutJ energy out of the cells' open-circuit source (∑ OCV·I·dt)
   * @param balancingJ energy bled by cell balancing (inside the pack, not at the terminals)
   * @param batteryDischargeJ energy out of the battery terminals while discharging
   * @param batteryChargeJ energy into the battery terminals while charging
   * @param brakingChargeJ the part of {@code batteryChargeJ} braking supplied: per step, up to
   *     what the drives returned to the DC bus
   */
  public record EnergyTotals(
      double wheelTractionJ,
      double wheelRegenJ,
      double tractionLossJ,
      double frictionBrakeJ,
      double auxiliaryJ,
      double heaterJ,
      double gensetJ,
      double depotJ,
      double batteryTerminalOutJ,
      double batteryChemicalOutJ,
      double balancingJ,
      double batteryDischargeJ,
      double batteryChargeJ,
      double brakingChargeJ) {

    /** Resistive and polarisation loss inside the cells, joules. */
    public double batteryLossJ() {
      return batteryChemicalOutJ - batteryTerminalOutJ - balancingJ;
    }

    /** Net mechanical energy at the wheels from the drives, traction positive, joules. */
    public double wheelNetJ() {
      return wheelTractionJ - wheelRegenJ;
    }
  }
}
