package io.locolink.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.simulator.physics.EnergyLedger.EnergyTotals;
import io.locolink.simulator.physics.LocomotiveState;
import io.locolink.simulator.physics.VehicleSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built-in shunting day lands where the reference figures say a hybrid shunter's day lands.
 * Expected ranges are derived below from the reference, not from this model's output.
 */
class ShuntingDayTest {

  /** Diesel density, kg/L (EN 590 diesel 0.82–0.845). */
  private static final double DIESEL_KG_PER_L = 0.84;
  /** Reference: ~0.210 kg of fuel per kWh at the shaft. */
  private static final double BSFC_KG_PER_KWH = 0.210;
  /** Reference: idle ~25 L/h for a large locomotive. */
  private static final double DIESEL_IDLE_LPH = 25;
  /** Diesel-electric transmission wheel/shaft efficiency (generator, rectifier, motors, gears) [est]. */
  private static final double DIESEL_TRANSMISSION = 0.85;

  private static Scenario scenario;
  private static LocomotiveState start;
  private static LocomotiveState end;
  private static EnergyTotals energy;

  @BeforeAll
  static void runTheDay() {
    scenario = Scenarios.builtIn("shunting-day");
    ScenarioRunner runner = ScenarioRunner.create(scenario);
    start = runner.latest();
    end = runner.runToEnd();
    energy = runner.model().energy();
  }

  @Test
  void wheelEnergyFollowsTheSwitchCycleNotchShares() {
    double hours = scenario.durationS() / 3600;
    // EPA switch cycle: ∑ share × notch power = 8.3 % of rated traction power on average.
    double cycleKwh = NotchCycle.SWITCH.meanPowerFraction() * VehicleSpec.hybridShunter().tractionPowerW() / 1000 * hours;
    double wheelKwh = energy.wheelTractionJ() / 3.6e6;
    // Upper bound: the notches never ask for more than their share of rated power.
    // Lower bound: in the yard the 25 km/h limit and adhesion cut the higher notches short
    // (a notch ≥ N3 reaches the limit within a minute and the driver shuts off), but N1–N2
    // carry 24.7 % of the time and most of their energy; at least 40 % of the cycle's energy.
    assertTrue(wheelKwh <= cycleKwh * 1.01 && wheelKwh >= cycleKwh * 0.40,
        "wheel " + wheelKwh + " kWh against the cycle's " + cycleKwh + " kWh");
  }

  @Test
  void fuelIsAboutFortyFivePercentBelowADieselShunter() {
    double hours = scenario.durationS() / 3600;
    // A diesel shunter on the same day: idle share at the reference idle flow, and the same
    // wheel work through a diesel-electric transmission at the reference specific consumption.
    double idleHours = NotchCycle.SWITCH.sharePercent(NotchCycle.IDLE) / 100 * hours;
    double wheelKwh = energy.wheelTractionJ() / 3.6e6;
    double dieselL = idleHours * DIESEL_IDLE_LPH + wheelKwh / DIESEL_TRANSMISSION * BSFC_KG_PER_KWH / DIESEL_KG_PER_L;
    // The hybrid's fuel, corrected for the battery energy it used and did not put back
    // (valued at what the genset would burn to replace it: bsfc through a 95 % alternator).
    double socDeltaKwh = (start.socTrue() - end.socTrue()) * 970;
    double hybridL = end.genset().orElseThrow().fuelUsedL()
        + socDeltaKwh / 0.95 * BSFC_KG_PER_KWH / DIESEL_KG_PER_L;
    double ratio = hybridL / dieselL;
    // Reference: fuel −45 % against diesel; allow ±20 points for a single day and a
    // simplified diesel baseline.
    assertTrue(ratio > 0.35 && ratio < 0.75,
        "hybrid " + hybridL + " L (SoC-corrected) vs diesel " + dieselL + " L: ratio " + ratio);
  }

  @Test
  void gensetHoldsTheStateOfChargeAndTheDayStaysWithinTheBattery() {
    // 35 % start threshold; the strategy may undershoot it only while the genset warms up
    assertTrue(end.socTrue() > 0.30, "state of charge at the end: " + end.socTrue());
    assertTrue(end.genset().orElseThrow().fuelUsedL() > 0, "the genset ran");
    assertTrue(end.odometerM() > 10_000, "a day's shunting covers kilometres: " + end.odometerM());
  }

  @Test
  void positionStaysInTheAstanaYard() {
    // the yard lead lies between 71.390 and 71.425 °E at about 51.195–51.197 °N
    assertTrue(end.latitudeDeg() > 51.194 && end.latitudeDeg() < 51.198, "lat " + end.latitudeDeg());
    assertTrue(end.longitudeDeg() >= 71.389 && end.longitudeDeg() <= 71.426, "lon " + end.longitudeDeg());
    assertTrue(end.utc().equals(start.utc().plusSeconds(21_600)), "UTC advanced by six hours: " + end.utc());
  }

  @Test
  void insulationIsInTheMegaohmRangeAndContactorsClosed() {
    assertTrue(end.insulationOhm() > 1e6 && end.insulationOhm() < 200e6, "insulation " + end.insulationOhm());
    assertTrue(end.contactorClosed());
  }
}
