package io.locolink.gateway.config;

import java.util.Map;

/**
 * What the estimation stage needs to turn readings into energy records, battery state, alarms and
 * CO2 figures. YAML key {@code estimation}; every key is optional and defaults to the reference
 * locomotive's figures.
 *
 * @param consumptionPointId EN 50463 consumption point id written into every energy record, at most
 *     32 ASCII characters
 * @param packCapacityAh rated pack capacity, ampere-hours (cell capacity x parallel strings)
 * @param periodS energy period length, seconds; a divisor of 86 400 so periods align to 00:00:00
 * @param clockStepToleranceS a UTC step larger than this (seconds) makes a period's time invalid
 * @param fixMaxAgeS a GNSS fix older than this (seconds) at period end makes the location uncertain
 * @param maxSampleGapS a gap between snapshots longer than this (seconds) is not integrated
 * @param standstillKmh below this wheel speed (km/h) the locomotive stands still
 * @param soc state-of-charge estimation
 * @param alarms alarm debounce, hysteresis, storm limiting and limit overrides
 * @param co2 carbon accounting figures
 */
public record EstimationConfig(
    String consumptionPointId,
    Double packCapacityAh,
    Integer periodS,
    Double clockStepToleranceS,
    Double fixMaxAgeS,
    Double maxSampleGapS,
    Double standstillKmh,
    Soc soc,
    Alarms alarms,
    Co2 co2) {

  public EstimationConfig {
    consumptionPointId = consumptionPointId == null ? "LOCOLINK" : consumptionPointId;
    if (consumptionPointId.isEmpty()
        || consumptionPointId.length() > 32
        || !consumptionPointId.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      throw new ConfigException("consumptionPointId", "must be 1-32 printable ASCII characters, got '" + consumptionPointId + "'");
    }
    packCapacityAh = ConfigException.requireRange("packCapacityAh", or(packCapacityAh, 1400.0), 1.0, 100_000.0);
    periodS = ConfigException.requireRange("periodS", periodS == null ? 300 : periodS, 60, 3600);
    if (86_400 % periodS != 0) {
      throw new ConfigException("periodS", "must divide a day (86400 s) so periods align to 00:00:00, got " + periodS);
    }
    clockStepToleranceS = ConfigException.requireRange("clockStepToleranceS", or(clockStepToleranceS, 2.0), 0.01, 60.0);
    fixMaxAgeS = ConfigException.requireRange("fixMaxAgeS", or(fixMaxAgeS, 15.0), 1.0, 3600.0);
    maxSampleGapS = ConfigException.requireRange("maxSampleGapS", or(maxSampleGapS, 5.0), 0.1, 600.0);
    standstillKmh = ConfigException.requireRange("standstillKmh", or(standstillKmh, 0.5), 0.0, 10.0);
    soc = soc == null ? Soc.defaults() : soc;
    alarms = alarms == null ? Alarms.defaults() : alarms;
    co2 = co2 == null ? Co2.defaults() : co2;
  }

  public static EstimationConfig defaults() {
    return new EstimationConfig(null, null, null, null, null, null, null, null, null, null);
  }

  /** This configuration with another consumption point id. */
  public EstimationConfig withConsumptionPointId(String id) {
    return new EstimationConfig(id, packCapacityAh, periodS, clockStepToleranceS, fixMaxAgeS,
        maxSampleGapS, standstillKmh, soc, alarms, co2);
  }

  static double or(Double value, double fallback) {
    return value == null ? fallback : value;
  }

  /**
   * State of charge by coulomb counting with OCV correction.
   *
   * @param restCurrentA below this pack current magnitude (A) the pack is at rest
   * @param ocvRestMinutes minutes of continuous rest before an OCV reading is trusted
   * @param ocvMaxSigmaPercent an OCV reading corrects SoC only where the curve is steep enough for
   *     its one-sigma error (from hysteresis and voltage error) to be below this, percent
   * @param ocvVoltageErrorV one-sigma OCV error from hysteresis and measurement, volts
   * @param currentGainError current sensor gain error assumed, fraction (0.01 = 1 %)
   * @param currentOffsetErrorA current sensor offset error assumed, amperes
   * @param initialSigmaPercent uncertainty of the first guess taken from the BMS, percent
   * @param currentOffsetDriftAPerH how fast the current sensor's offset may drift away from {@code
   *     currentOffsetErrorA} while counting since the last OCV reading (a Hall sensor warming up),
   *     amperes per hour
   * @param currentOffsetMaxErrorA the largest offset error the drift can reach, amperes
   * @param ocvCurveErrorPercent one-sigma error of the reference OCV curve itself for the pack's
   *     cells (another maker's LFP cell places the knees elsewhere), percent SoC; added in quadrature
   *     to every OCV reading's sigma
   * @param capacitySigmaPercent one-sigma error of the usable capacity before the gateway has
   *     measured it between two OCV readings (the BMS's SoH or the rated capacity may be that far
   *     from the truth: an old pack has lost 20 %), percent of the capacity
   */
  public record Soc(
      Double restCurrentA,
      Double ocvRestMinutes,
      Double ocvMaxSigmaPercent,
      Double ocvVoltageErrorV,
      Double currentGainError,
      Double currentOffsetErrorA,
      Double initialSigmaPercent,
      Double currentOffsetDriftAPerH,
      Double currentOffsetMaxErrorA,
      Double ocvCurveErrorPercent,
      Double capacitySigmaPercent) {

    public Soc {
      restCurrentA = ConfigException.requireRange("restCurrentA", or(restCurrentA, 14.0), 0.0, 1000.0);
      ocvRestMinutes = ConfigException.requireRange("ocvRestMinutes", or(ocvRestMinutes, 30.0), 0.0, 24 * 60.0);
      ocvMaxSigmaPercent = ConfigException.requireRange("ocvMaxSigmaPercent", or(ocvMaxSigmaPercent, 3.0), 0.1, 50.0);
      ocvVoltageErrorV = ConfigException.requireRange("ocvVoltageErrorV", or(ocvVoltageErrorV, 0.015), 0.0001, 0.5);
      currentGainError = ConfigException.requireRange("currentGainError", or(currentGainError, 0.01), 0.0, 0.5);
      currentOffsetErrorA = ConfigException.requireRange("currentOffsetErrorA", or(currentOffsetErrorA, 1.0), 0.0, 100.0);
      initialSigmaPercent = ConfigException.requireRange("initialSigmaPercent", or(initialSigmaPercent, 30.0), 0.1, 100.0);
      currentOffsetDriftAPerH = ConfigException.requireRange("currentOffsetDriftAPerH",
          or(currentOffsetDriftAPerH, 0.5), 0.0, 100.0);
      currentOffsetMaxErrorA = ConfigException.requireRange("currentOffsetMaxErrorA",
          or(currentOffsetMaxErrorA, 5.0), currentOffsetErrorA, 1000.0);
      ocvCurveErrorPercent = ConfigException.requireRange("ocvCurveErrorPercent", or(ocvCurveErrorPercent, 1.0), 0.0, 20.0);
      capacitySigmaPercent = ConfigException.requireRange("capacitySigmaPercent", or(capacitySigmaPercent, 20.0), 0.0, 50.0);
    }

    public static Soc defaults() {
      return new Soc(null, null, null, null, null, null, null, null, null, null, null);
    }
  }

  /**
   * Alarm debounce, storm limiting and limit overrides.
   *
   * @param raiseAfterS a condition must hold this long (seconds) before it is raised
   * @param clearAfterS a condition must be gone (past the hysteresis) this long before it clears
   * @param stormMaxEvents more events than this inside one storm window are summarised
   * @param stormWindowS the storm window, seconds
   * @param limits overrides of the reference limits, keyed {@code CODE.TIER}, e.g.
   *     {@code CELL_VOLTAGE_HIGH.NOTE: 3.56}; values in the alarm's own unit
   */
  public record Alarms(
      Double raiseAfterS,
      Double clearAfterS,
      Integer stormMaxEvents,
      Double stormWindowS,
      Map<String, Double> limits) {

    public Alarms {
      raiseAfterS = ConfigException.requireRange("raiseAfterS", or(raiseAfterS, 1.0), 0.0, 600.0);
      clearAfterS = ConfigException.requireRange("clearAfterS", or(clearAfterS, 3.0), 0.0, 600.0);
      stormMaxEvents = ConfigException.requireRange("stormMaxEvents", stormMaxEvents == null ? 20 : stormMaxEvents, 1, 10_000);
      stormWindowS = ConfigException.requireRange("stormWindowS", or(stormWindowS, 10.0), 0.1, 3600.0);
      limits = limits == null ? Map.of() : Map.copyOf(limits);
    }

    public static Alarms defaults() {
      return new Alarms(null, null, null, null, null);
    }
  }

  /**
   * Carbon accounting against a diesel locomotive doing the same work.
   *
   * @param gridGPerKwh grid emission factor for depot charging, grams CO2 per kWh
   * @param dieselKgPerKwh diesel fuel per kWh of work, kilograms
   * @param dieselDensityKgPerL diesel density, kilograms per litre
   * @param dieselKgCo2PerL CO2 from burning one litre of diesel (tank to wheel), kilograms
   * @param dieselUpstreamKgCo2PerL CO2 from producing and delivering one litre (well to tank), kg
   * @param dieselIdleLph fuel a diesel locomotive burns idling, litres per hour
   * @param idlePowerKw below this traction power (kW) with the key on, a diesel locomotive would idle
   */
  public record Co2(
      Double gridGPerKwh,
      Double dieselKgPerKwh,
      Double dieselDensityKgPerL,
      Double dieselKgCo2PerL,
      Double dieselUpstreamKgCo2PerL,
      Double dieselIdleLph,
      Double idlePowerKw) {

    public Co2 {
      gridGPerKwh = ConfigException.requireRange("gridGPerKwh", or(gridGPerKwh, 830.0), 0.0, 2000.0);
      dieselKgPerKwh = ConfigException.requireRange("dieselKgPerKwh", or(dieselKgPerKwh, 0.210), 0.1, 1.0);
      dieselDensityKgPerL = ConfigException.requireRange("dieselDensityKgPerL", or(dieselDensityKgPerL, 0.84), 0.7, 1.0);
      dieselKgCo2PerL = ConfigException.requireRange("dieselKgCo2PerL", or(dieselKgCo2PerL, 2.68), 1.0, 4.0);
      dieselUpstreamKgCo2PerL = ConfigException.requireRange("dieselUpstreamKgCo2PerL", or(dieselUpstreamKgCo2PerL, 0.61), 0.0, 2.0);
      dieselIdleLph = ConfigException.requireRange("dieselIdleLph", or(dieselIdleLph, 25.0), 0.0, 200.0);
      idlePowerKw = ConfigException.requireRange("idlePowerKw", or(idlePowerKw, 20.0), 0.0, 1000.0);
    }

    public static Co2 defaults() {
      return new Co2(null, null, null, null, null, null, null);
    }
  }
}
