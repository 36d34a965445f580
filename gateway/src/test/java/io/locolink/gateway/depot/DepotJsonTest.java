package io.locolink.gateway.depot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.locolink.gateway.trips.TripId;
import io.locolink.gateway.trips.TripInfo;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The depot server's JSON answers, byte for byte: the shapes the ground's depot client and the tools read
 * (keys in this order, compact, times as ISO-8601 UTC, an absent time as null, a missing cell value as
 * "NaN"), as the data-binding writer produced them before the streaming one replaced it.
 */
class DepotJsonTest {

  private static final String SHA = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
  private static final TripInfo TRIP = new TripInfo(TripId.parse("20261126T081500Z-00a1"),
      Instant.parse("2026-11-26T08:15:00Z"), Instant.parse("2026-11-26T09:02:30.500Z"), 123_456L, SHA);

  private static final TripInfo OTHER = new TripInfo(TripId.parse("20261127T120000Z-0000"),
      Instant.parse("2026-11-27T12:00:00Z"), Instant.parse("2026-11-27T12:30:00Z"), 0L, SHA.replace('0', 'f'));

  private static String text(byte[] json) {
    return new String(json, StandardCharsets.UTF_8);
  }

  @Test
  void aTripAndTheList() {
    String one = "{\"id\":\"20261126T081500Z-00a1\",\"start\":\"2026-11-26T08:15:00Z\","
        + "\"end\":\"2026-11-26T09:02:30.500Z\",\"sizeBytes\":123456,\"sha256\":\"" + SHA + "\",\"collected\":true}";
    assertEquals(one, text(DepotJson.trip(TRIP, true)));
    String other = "{\"id\":\"20261127T120000Z-0000\",\"start\":\"2026-11-27T12:00:00Z\","
        + "\"end\":\"2026-11-27T12:30:00Z\",\"sizeBytes\":0,\"sha256\":\"" + SHA.replace('0', 'f')
        + "\",\"collected\":false}";
    assertEquals("[" + one + "," + other + "]", text(DepotJson.tripList(List.of(TRIP, OTHER), t -> t == TRIP)));
    assertEquals("[]", text(DepotJson.tripList(List.of(), t -> true)));
  }

  @Test
  void collectedOrNot() {
    assertEquals("{\"collected\":true,\"collectedAt\":\"2026-11-27T06:00:01Z\"}",
        text(DepotJson.collected(Optional.of(Instant.parse("2026-11-27T06:00:01Z")))));
    assertEquals("{\"collected\":false,\"collectedAt\":null}", text(DepotJson.collected(Optional.empty())));
  }

  @Test
  void health() {
    String json = text(DepotJson.health("degraded", List.of(new HealthCheck("journal", true, "3 segments"),
        new HealthCheck("uplink", false, "broker \"a\" unreachable")), 2, 40_000L, 5_000_000_000L, 3_600L));
    assertEquals("{\"status\":\"degraded\",\"checks\":[{\"name\":\"journal\",\"ok\":true,\"detail\":\"3 segments\"},"
        + "{\"name\":\"uplink\",\"ok\":false,\"detail\":\"broker \\\"a\\\" unreachable\"}],\"trips\":2,"
        + "\"tripBytes\":40000,\"energyBytes\":5000000000,\"uptimeS\":3600}", json);
  }

  @Test
  void liveBatteryWithAndWithoutGoodCells() {
    LiveBattery b = new LiveBattery(Instant.parse("2026-11-26T08:15:01.100Z"), 72.5, 745.3, -120.0, -89.436, 3.29,
        3.312, -4.5, 12.0, 1, "WARNING");
    assertEquals("{\"utc\":\"2026-11-26T08:15:01.100Z\",\"socPercent\":72.5,\"packVoltageV\":745.3,"
        + "\"packCurrentA\":-120.0,\"packPowerKw\":-89.436,\"cellMinV\":3.29,\"cellMaxV\":3.312,\"cellMinTempC\":-4.5,"
        + "\"cellMaxTempC\":12.0,\"activeAlarms\":1,\"highestAlarmTier\":\"WARNING\"}", text(DepotJson.battery(b)));
    LiveBattery none = new LiveBattery(Instant.parse("2026-11-26T08:15:01Z"), 50, 700, 0, 0, Double.NaN, Double.NaN,
        Double.NaN, Double.NaN, 0, "NONE");
    assertEquals("{\"utc\":\"2026-11-26T08:15:01Z\",\"socPercent\":50.0,\"packVoltageV\":700.0,\"packCurrentA\":0.0,"
        + "\"packPowerKw\":0.0,\"cellMinV\":\"NaN\",\"cellMaxV\":\"NaN\",\"cellMinTempC\":\"NaN\",\"cellMaxTempC\":\"NaN\","
        + "\"activeAlarms\":0,\"highestAlarmTier\":\"NONE\"}", text(DepotJson.battery(none)));
  }
}
