package io.locolink.gateway.estimation;

import io.locolink.gateway.acquisition.GnssFix;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One closed 5-minute energy period, as EN 50463 compiled energy data.
 *
 * @param consumptionPointId at most 32 ASCII characters
 * @param periodEnd UTC end of the period, aligned to 5 minutes from 00:00:00
 * @param periodS length of the period, seconds
 * @param consumedWh active energy out of the battery, watt-hours
 * @param regeneratedWh active energy back into the battery from braking, watt-hours
 * @param depotChargeWh energy into the battery from the depot charger, watt-hours
 * @param gensetWh energy from the genset, watt-hours
 * @param dieselMl diesel used, millilitres
 * @param location last fix at the period's end, empty when there was none
 * @param timeStatus validity of the period's time
 * @param energyStatus validity of the energy values
 * @param locationStatus validity of the location
 * @param qualityWord OR of {@link EnergyQuality#bit()}
 * @param co2TankToWheelG tank-to-wheel CO2, grams
 * @param co2WellToWheelG well-to-wheel CO2, grams
 * @param co2AvoidedG against a diesel locomotive doing the same work, grams; may be negative
 */
public record EnergyPeriod(
    String consumptionPointId,
    Instant periodEnd,
    int periodS,
    long consumedWh,
    long regeneratedWh,
    long depotChargeWh,
    long gensetWh,
    long dieselMl,
    Optional<GnssFix> location,
    DataStatus timeStatus,
    DataStatus energyStatus,
    DataStatus locationStatus,
    int qualityWord,
    long co2TankToWheelG,
    long co2WellToWheelG,
    long co2AvoidedG) {

  public EnergyPeriod {
    Objects.requireNonNull(periodEnd, "periodEnd");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(timeStatus, "timeStatus");
    Objects.requireNonNull(energyStatus, "energyStatus");
    Objects.requireNonNull(locationStatus, "locationStatus");
    if (periodS <= 0) {
      throw new IllegalArgumentException("periodS must be > 0, got " + periodS);
    }
    if (consumedWh < 0 || regeneratedWh < 0 || depotChargeWh < 0 || gensetWh < 0 || dieselMl < 0) {
      throw new IllegalArgumentException("energies and diesel must be >= 0");
    }
    if (consumptionPointId.length() > 32 || !consumptionPointId.chars().allMatch(c -> c < 128)) {
      throw new IllegalArgumentException("consumption point id must be <= 32 ASCII characters");
    }
  }

  /** Validity of one part of an energy record. */
  public enum DataStatus {
    VALID,
    UNCERTAIN,
    MISSING,
    INVALID
  }

  /** Bits of the quality word; positions match the wire contract's EnergyQualityBit numbers. */
  public enum EnergyQuality {
    OVER_VOLTAGE(1),
    UNDER_VOLTAGE(2),
    CLOCK_SET(3),
    POWER_FAIL(4),
    POWER_RECOVERY(5),
    INCOMPLETE_PERIOD(6),
    MEMORY_CLEARED(7),
    CONFIG_CHANGED(8),
    MEASUREMENT_FAULT(9);

    private final int position;

    EnergyQuality(int position) {
      this.position = position;
    }

    public int bit() {
      return 1 << position;
    }
  }
}
