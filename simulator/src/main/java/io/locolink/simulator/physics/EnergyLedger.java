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
    batteryChemicalOutJ += chemicalOutJ;
    balancingJ += balancingBleedJ;
  }

  /** A copy of the totals so far. */
  public EnergyTotals totals() {
    return new EnergyTotals(wheelTractionJ, wheelRegenJ, tractionLossJ, frictionBrakeJ, auxiliaryJ,
        heaterJ, gensetJ, depotJ, batteryTerminalOutJ, batteryChemicalOutJ, balancingJ);
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
      double balancingJ) {

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
