package io.locolink.gateway.trips;

import io.locolink.gateway.framing.HeaderFields;
import io.locolink.gateway.framing.TripSummaryFields;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * What a trip amounted to: the content of its summary in SI-ish units.
 *
 * @param start UTC start
 * @param end UTC end (the last snapshot of the trip)
 * @param distanceM distance travelled, metres (odometer difference)
 * @param consumedWh energy out of the battery, watt-hours
 * @param regeneratedWh energy returned into the battery by braking, watt-hours
 * @param socStartPercent the gateway's SoC estimate at the start, percent
 * @param socEndPercent the SoC estimate at the end, percent
 * @param minCellTempC lowest good cell temperature seen, empty when none was good
 * @param maxCellTempC highest good cell temperature seen, empty when none was good
 * @param maxMotorTempC hottest good motor winding temperature seen, empty when none was good
 * @param alarms alarms raised during the trip (a storm summary counts what it stands for)
 * @param co2AvoidedG CO2 avoided against diesel, grams, summed over the trip's energy records
 * @param dieselMl diesel used, millilitres (genset fuel counter difference)
 * @param frames telemetry frames in the trip log
 */
public record TripTotals(
    Instant start,
    Instant end,
    double distanceM,
    double consumedWh,
    double regeneratedWh,
    double socStartPercent,
    double socEndPercent,
    OptionalDouble minCellTempC,
    OptionalDouble maxCellTempC,
    OptionalDouble maxMotorTempC,
    long alarms,
    long co2AvoidedG,
    double dieselMl,
    long frames) {

  public TripTotals {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(minCellTempC, "minCellTempC");
    Objects.requireNonNull(maxCellTempC, "maxCellTempC");
    Objects.requireNonNull(maxMotorTempC, "maxMotorTempC");
  }

  public Duration duration() {
    return Duration.between(start, end);
  }

  /**
   * These totals as the summary of trip {@code id}, rounded to the summary's units (a negative
   * distance, energy or fuel reads as 0; SoC is clamped to 0..100 %; a temperature never read good is empty).
   */
  public TripSummaryFields summary(TripId id, Optional<HeaderFields> header) {
    return new TripSummaryFields(header, id.value(), start, end,
        Math.round(Math.max(0, distanceM)),
        Math.round(Math.max(0, consumedWh)),
        Math.round(Math.max(0, regeneratedWh)),
        permille(socStartPercent),
        permille(socEndPercent),
        deci(minCellTempC),
        deci(maxCellTempC),
        deci(maxMotorTempC),
        Math.min(Integer.MAX_VALUE, alarms),
        co2AvoidedG,
        Math.round(Math.max(0, dieselMl)),
        frames);
  }

  private static int permille(double percent) {
    return (int) Math.round(Math.max(0, Math.min(100, percent)) * 10);
  }

  private static OptionalInt deci(OptionalDouble celsius) {
    return celsius.isPresent() ? OptionalInt.of((int) Math.round(celsius.getAsDouble() * 10)) : OptionalInt.empty();
  }
}
