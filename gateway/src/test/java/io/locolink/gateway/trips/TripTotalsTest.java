package io.locolink.gateway.trips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.framing.TripSummaryCodec;
import io.locolink.gateway.framing.TripSummaryFields;
import io.locolink.proto.v1.TripSummary;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * A trip's temperatures in its summary: a temperature never read good is left out, not written as
 * 0, and one read good at 0.0 °C is written, so the ground tells them apart from the summary alone.
 */
class TripTotalsTest {

  private static final Instant T0 = Instant.parse("2026-11-20T06:00:00Z");

  private static TripSummaryFields summary(OptionalDouble minCellC, OptionalDouble maxCellC, OptionalDouble motorC) {
    return new TripTotals(T0, T0.plusSeconds(60), 100, 10, 0, 80, 79, minCellC, maxCellC, motorC, 0, 0, 0, 60)
        .summary(TripId.of(T0, 1), Optional.empty());
  }

  @Test
  void aTemperatureNeverReadGoodIsAbsentFromTheSummary() throws Exception {
    TripSummaryFields s = summary(OptionalDouble.of(-3.14), OptionalDouble.of(0.0), OptionalDouble.empty());
    assertEquals(OptionalInt.of(-31), s.minCellTempDc(), "-3.14 degC in 0.1 degC, rounded");
    assertEquals(OptionalInt.of(0), s.maxCellTempDc(), "read good at 0.0 degC");
    assertEquals(OptionalInt.empty(), s.maxMotorTempDc(), "never read good");
    // as the generated class reads the summary the gateway publishes
    TripSummary wire = TripSummary.parseFrom(TripSummaryCodec.encode(s));
    assertTrue(wire.hasMinCellTempDc());
    assertEquals(-31, wire.getMinCellTempDc());
    assertTrue(wire.hasMaxCellTempDc());
    assertEquals(0, wire.getMaxCellTempDc());
    assertFalse(wire.hasMaxMotorTempDc());
  }
}
