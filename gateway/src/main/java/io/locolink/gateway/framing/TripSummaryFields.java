package io.locolink.gateway.framing;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a trip summary message ({@code locolink.v1.TripSummary}) carries, in the message's own units:
 * whole metres, watt-hours, grams and millilitres, SoC in permille, temperatures in tenths of a
 * degree Celsius. The wire cannot tell a temperature of 0 from one that was never read (proto3),
 * so 0 stands for both.
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
 * @param minCellTempDc lowest cell temperature, 0.1 °C
 * @param maxCellTempDc highest cell temperature, 0.1 °C
 * @param maxMotorTempDc hottest motor winding, 0.1 °C
 * @param alarms alarms raised during the trip
 * @param co2AvoidedG CO2 avoided against diesel, grams (may be negative)
 * @param dieselMl diesel used, millilitres
 * @param frames telemetry frames in the trip log
 */
public record TripSummaryFields(Optional<HeaderFields> header, String tripId, Instant start, Instant end,
    long distanceM, long consumedWh, long regeneratedWh, int socStartPermille, int socEndPermille,
    int minCellTempDc, int maxCellTempDc, int maxMotorTempDc, long alarms, long co2AvoidedG, long dieselMl,
    long frames) {

  public TripSummaryFields {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(tripId, "tripId");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
  }

  /** The same summary under {@code newHeader}. */
  public TripSummaryFields withHeader(HeaderFields newHeader) {
    return new TripSummaryFields(Optional.of(newHeader), tripId, start, end, distanceM, consumedWh, regeneratedWh,
        socStartPermille, socEndPermille, minCellTempDc, maxCellTempDc, maxMotorTempDc, alarms, co2AvoidedG,
        dieselMl, frames);
  }
}
