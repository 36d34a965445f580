package io.locolink.gateway.estimation;

import io.locolink.gateway.acquisition.GnssFix;
import io.locolink.gateway.estimation.EnergyPeriod.DataStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * The energy period being filled: its UTC slot, the registers when it opened and its quality.
 * Closing it yields the {@link EnergyPeriod} from the register advance. Not thread-safe.
 */
final class OpenPeriod {

  private final Instant start;
  private final int periodS;
  private final EnergyTotals startRegisters;
  private final PeriodQuality quality;

  OpenPeriod(Instant start, int periodS, EnergyTotals startRegisters) {
    this(start, periodS, startRegisters, new PeriodQuality());
  }

  private OpenPeriod(Instant start, int periodS, EnergyTotals startRegisters, PeriodQuality quality) {
    this.start = start;
    this.periodS = periodS;
    this.startRegisters = startRegisters;
    this.quality = quality;
  }

  /** {@code suspended} continued with the registers standing at {@code registers} now. */
  static OpenPeriod resumed(SuspendedPeriod suspended, EnergyTotals registers) {
    return new OpenPeriod(suspended.slotStart(), suspended.periodS(), registers.minus(suspended.soFar()),
        PeriodQuality.resumed(suspended));
  }

  /** This period as it stands, to be continued after a stop; {@code asClosed} is it closed now. */
  SuspendedPeriod suspend(EnergyTotals registers, EnergyPeriod asClosed) {
    return new SuspendedPeriod(start, periodS, registers.minus(startRegisters), quality.word(), quality.unsynced(),
        quality.hadGap(), quality.integratedS(), quality.faultS(), asClosed);
  }

  /** Start of the UTC slot of length {@code periodS} that holds {@code utc} (slots align to 00:00:00). */
  static Instant slotStart(Instant utc, int periodS) {
    return Instant.ofEpochSecond(Math.floorDiv(utc.getEpochSecond(), (long) periodS) * periodS);
  }

  Instant start() {
    return start;
  }

  Instant end() {
    return start.plusSeconds(periodS);
  }

  boolean contains(Instant utc) {
    return !utc.isBefore(start) && utc.isBefore(end());
  }

  PeriodQuality quality() {
    return quality;
  }

  /**
   * Closes the period.
   *
   * @param endRegisters registers at the period's end
   * @param fix the last fix known at the end
   * @param fixAgeS age of that fix at the end, seconds
   * @param fixMaxAgeS older fixes make the location uncertain
   */
  EnergyPeriod close(String consumptionPointId, EnergyTotals endRegisters, Optional<GnssFix> fix,
      double fixAgeS, double fixMaxAgeS, Co2Account co2) {
    EnergyTotals d = endRegisters.minus(startRegisters);
    Co2Figures carbon = co2.of(d);
    Optional<GnssFix> location = fix.filter(f -> f.fixQuality() > 0);
    DataStatus locationStatus = location.isEmpty()
        ? DataStatus.MISSING
        : fixAgeS > fixMaxAgeS ? DataStatus.UNCERTAIN : DataStatus.VALID;
    return new EnergyPeriod(
        consumptionPointId,
        end(),
        periodS,
        EnergyTotals.wholeWhBetween(startRegisters.consumedJ(), endRegisters.consumedJ()),
        EnergyTotals.wholeWhBetween(startRegisters.regeneratedJ(), endRegisters.regeneratedJ()),
        EnergyTotals.wholeWhBetween(startRegisters.depotChargeJ(), endRegisters.depotChargeJ()),
        EnergyTotals.wholeWhBetween(startRegisters.gensetOutputJ(), endRegisters.gensetOutputJ()),
        Math.max(0, Math.round(endRegisters.dieselL() * 1000) - Math.round(startRegisters.dieselL() * 1000)),
        location,
        quality.timeStatus(),
        quality.energyStatus(),
        locationStatus,
        quality.word(),
        Math.round(carbon.tankToWheelG()),
        Math.round(carbon.wellToWheelG()),
        Math.round(carbon.avoidedG()));
  }
}
