package io.locolink.gateway.framing;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a trip summary message ({@code locolink.v1.TripSummary}) carries, in the message's own units:
 * whole metres, watt-hours, grams and millilitres, SoC in permille, temperatures in tenths of a
 * degree Celsius. A temperature the trip never read good is empty (absent on the wire); one read in
 * a summary written before the wire gave the temperatures presence is empty both when it was never
 * read and when it was 0.0 °C (those summaries left out a 0 either way).
 *
 * @param header the message header; empty for the checkpoints inside a trip log, which carry an
 *     empty header
 * @param tripId the trip's id
 * @param start UTC start, millisecond precision
 * @param end UTC end, millisecond precision
 * @param distanceM distance travelled, metres
 * @param consumedWh energy out of the battery, watt-hours
 * @param regeneratedWh energy returned into the battery by braking, watt-hours
 * @param socStartPermille SoC at the start, permille
 * @param socEndPermille SoC at the end, permille
 * @param minCellTempDc lowest good cell temperature, 0.1 °C; empty when none was good
 * @param maxCellTempDc highest good cell temperature, 0.1 °C; empty when none was good
 * @param maxMotorTempDc hottest good motor winding temperature, 0.1 °C; empty when none was good
 * @param alarms alarms raised during the trip
 * @param co2AvoidedG CO2 avoided against diesel, grams (may be negative)
 * @param dieselMl diesel used, millilitres
 * @param frames telemetry frames in the trip log
 */
public record TripSummaryFields(Optional<HeaderFields> header, String tripId, Instant start, Instant end,
    long distanceM, long consumedWh, long regeneratedWh, int socStartPermille, int socEndPermille,
    OptionalInt minCellTempDc, OptionalInt maxCellTempDc, OptionalInt maxMotorTempDc, long alarms, long co2AvoidedG, long dieselMl,
    long frames) {

  public TripSummaryFields {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(tripId, "tripId");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(minCellTempDc, "minCellTempDc");
    Objects.requireNonNull(maxCellTempDc, "maxCellTempDc");
    Objects.requireNonNull(maxMotorTempDc, "maxMotorTempDc");
  }

  /** The same summary under {@code newHeader}. */
  public TripSummaryFields withHeader(HeaderFields newHeader) {
    return new TripSummaryFields(Optional.of(newHeader), tripId, start, end, distanceM, consumedWh, regeneratedWh,
        socStartPermille, socEndPermille, minCellTempDc, maxCellTempDc, maxMotorTempDc, alarms, co2AvoidedG,
        dieselMl, frames);
  }
}
