package io.locolink.gateway.estimation;

import java.time.Instant;
import java.util.Objects;

/**
 * An energy period a clean stop interrupted, kept (by the caller, in the state directory) instead
 * of being sent, so that every period is closed exactly once: the next start either continues it,
 * when its first sample falls in the same UTC slot, or sends it as it stood at the stop. Either way
 * it is marked incomplete, since the time the gateway was down was not measured.
 *
 * @param slotStart UTC start of the period's slot
 * @param periodS length of the period, seconds
 * @param soFar the registers' advance within the period up to the stop
 * @param qualityWord quality bits collected so far (OR of {@link EnergyPeriod.EnergyQuality#bit()})
 * @param unsynced whether a sample of the period was taken before the clock was synced
 * @param gap whether a stretch between samples was too long to integrate
 * @param integratedS time integrated so far, seconds
 * @param faultS of it, time integrated from flagged measurements, seconds
 * @param asClosed the period closed at the stop, what the next start sends when it cannot continue it
 */
public record SuspendedPeriod(
    Instant slotStart,
    int periodS,
    EnergyTotals soFar,
    int qualityWord,
    boolean unsynced,
    boolean gap,
    double integratedS,
    double faultS,
    EnergyPeriod asClosed) {

  public SuspendedPeriod {
    Objects.requireNonNull(slotStart, "slotStart");
    Objects.requireNonNull(soFar, "soFar");
    Objects.requireNonNull(asClosed, "asClosed");
    if (periodS <= 0) {
      throw new IllegalArgumentException("periodS must be > 0, got " + periodS);
    }
    if (!asClosed.periodEnd().equals(slotStart.plusSeconds(periodS))) {
      throw new IllegalArgumentException("the closed form ends at " + asClosed.periodEnd() + ", not at the slot's end "
          + slotStart.plusSeconds(periodS));
    }
    if (!(integratedS >= 0 && faultS >= 0)) {
      throw new IllegalArgumentException("integrated and fault times must be >= 0 s");
    }
  }
}
