package io.locolink.gateway.framing;

import static io.locolink.gateway.framing.CodecBytes.header;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.util.JsonFormat;
import io.locolink.proto.v1.ClockQuality;
import io.locolink.proto.v1.EnergyRecord;
import io.locolink.proto.v1.Header;
import io.locolink.proto.v1.Position;
import io.locolink.proto.v1.TripSummary;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The depot's JSON of energy records and trip summaries: by hand from the proto3 JSON mapping, and the
 * same text as protobuf's own {@link JsonFormat} printer (test scope only) for any field values.
 */
class ProtoJsonTest {

  private static String energyJson(EnergyRecord r) {
    StringBuilder out = new StringBuilder();
    ProtoJson.energyRecord(out, r, false);
    return out.toString();
  }

  @Test
  void anEnergyRecordByTheMapping() {
    EnergyRecord r = EnergyRecordCodec.toProto(EnergyRecordCodecTest.period(), header());
    assertEquals("{\"header\":{\"locomotiveId\":\"L1\",\"bootId\":\"1\",\"sequence\":\"7\",\"timeUnixMs\":\"1000\","
        + "\"clockQuality\":\"CLOCK_SYNCED\"},"   // 64-bit integers as text; historical false: left out
        + "\"consumptionPointId\":\"CP\",\"periodEndUnixS\":\"300\",\"periodS\":300,"  // uint32 as a number
        + "\"consumedWh\":\"1332\",\"regeneratedWh\":\"5\","  // depotChargeWh 0: left out
        + "\"gensetWh\":\"200\",\"dieselMl\":\"150\","
        + "\"location\":{\"latitudeE7\":10000000,\"longitudeE7\":-20000000,\"fixAgeMs\":2000,\"fixQuality\":1,"
        + "\"satellites\":9},"
        + "\"timeStatus\":\"DATA_VALID\",\"energyStatus\":\"DATA_UNCERTAIN\",\"locationStatus\":\"DATA_VALID\","
        + "\"qualityWord\":576,\"co2TankToWheelG\":\"400\",\"co2WellToWheelG\":\"500\",\"co2AvoidedG\":\"-300\"}",
        energyJson(r));
  }

  @Test
  void unsignedNumbersUnknownEnumsAndEscapes() {
    EnergyRecord r = EnergyRecord.newBuilder()
        .setHeader(Header.newBuilder().setLocomotiveId("a\"b\\<c>\n\u2028").setBootId(-1).setHistorical(true))
        .setPeriodS(-1)  // uint32 4294967295
        .setConsumedWh(Long.MIN_VALUE)  // uint64 2^63
        .setTimeStatusValue(9)  // a number the schema does not name
        .build();
    assertEquals("{\"header\":{\"locomotiveId\":\"a\\\"b\\\\\\u003cc\\u003e\\n\\u2028\",\"bootId\":\"18446744073709551615\","
        + "\"historical\":true},\"periodS\":4294967295,\"consumedWh\":\"9223372036854775808\",\"timeStatus\":9}",
        energyJson(r));
    assertEquals(printCompact(r), energyJson(r));
  }

  @Test
  void emptyMessages() throws Exception {
    assertEquals("{}", energyJson(EnergyRecord.getDefaultInstance()));
    TripSummary empty = TripSummary.newBuilder().setHeader(Header.getDefaultInstance()).build();
    String indented = TripSummaryCodec.json(empty.toByteArray());
    assertEquals("{\n  \"header\": {\n  }\n}", indented);
    assertEquals(JsonFormat.printer().print(empty), indented);
  }

  @Test
  void aTripSummaryIndentedAsTheDepotAlwaysServedIt() throws Exception {
    TripSummary t = TripSummary.newBuilder().setHeader(header()).setTripId("20261120T060000Z-0001")
        .setStartUnixMs(1_700_000_000_000L).setEndUnixMs(1_700_000_360_000L).setDistanceM(12_345)
        .setMinCellTempDc(-55).setMaxCellTempDc(301).setAlarms(-2).setCo2AvoidedG(-300).setFrames(3600).build();
    String json = TripSummaryCodec.json(t.toByteArray());
    assertEquals("{\n"
        + "  \"header\": {\n"
        + "    \"locomotiveId\": \"L1\",\n"
        + "    \"bootId\": \"1\",\n"
        + "    \"sequence\": \"7\",\n"
        + "    \"timeUnixMs\": \"1000\",\n"
        + "    \"clockQuality\": \"CLOCK_SYNCED\"\n"
        + "  },\n"
        + "  \"tripId\": \"20261120T060000Z-0001\",\n"
        + "  \"startUnixMs\": \"1700000000000\",\n"
        + "  \"endUnixMs\": \"1700000360000\",\n"
        + "  \"distanceM\": \"12345\",\n"
        + "  \"minCellTempDc\": -55,\n"
        + "  \"maxCellTempDc\": 301,\n"
        + "  \"alarms\": 4294967294,\n"
        + "  \"co2AvoidedG\": \"-300\",\n"
        + "  \"frames\": \"3600\"\n"
        + "}", json);
    assertEquals(JsonFormat.printer().print(t), json);
  }

  @Property(tries = 300)
  void energyRecordsAsJsonFormatPrintsThem(@ForAll("energyRecords") EnergyRecord r) {
    assertEquals(printCompact(r), energyJson(r));
    StringBuilder elements = new StringBuilder();
    EnergyRecordCodec.appendJson(elements, List.of(r.toByteArray(), r.toByteArray()), false);
    assertEquals(printCompact(r) + "," + printCompact(r), elements.toString());
    EnergyRecordCodec.appendJson(elements, List.of(r.toByteArray()), true);  // a later part of the same array
    assertEquals(printCompact(r) + "," + printCompact(r) + "," + printCompact(r), elements.toString());
  }

  @Property(tries = 300)
  void tripSummariesAsJsonFormatPrintsThem(@ForAll("tripSummaries") TripSummary t) throws Exception {
    assertEquals(JsonFormat.printer().print(t), TripSummaryCodec.json(t.toByteArray()));
  }

  private static String printCompact(EnergyRecord r) {
    try {
      return JsonFormat.printer().omittingInsignificantWhitespace().print(r);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  /** Any of a few values, 0 (the default, left out) among them. */
  private static Arbitrary<Long> longs() {
    return Arbitraries.oneOf(Arbitraries.of(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE), Arbitraries.longs());
  }

  private static Arbitrary<Integer> ints() {
    return Arbitraries.oneOf(Arbitraries.of(0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE), Arbitraries.integers());
  }

  private static Arbitrary<String> texts() {
    return Arbitraries.oneOf(Arbitraries.of("", "KZ-TEM-0001"),
        Arbitraries.strings().withCharRange('\u0000', '\u007f').withChars('\u2028', '\u2029', 'é', '\u20ac')
            .ofMaxLength(12));
  }

  private static Arbitrary<Header> headers() {
    return Combinators.combine(texts(), longs(), longs(), longs(), Arbitraries.integers().between(0, 5),
        Arbitraries.of(true, false)).as((id, boot, seq, time, clock, hist) -> Header.newBuilder()
            .setLocomotiveId(id).setBootId(boot).setSequence(seq).setTimeUnixMs(time).setClockQualityValue(clock)
            .setHistorical(hist).build());
  }

  private static Arbitrary<Position> positions() {
    return Combinators.combine(ints(), ints(), ints(), ints(), ints()).as((lat, lon, age, q, sats) ->
        Position.newBuilder().setLatitudeE7(lat).setLongitudeE7(lon).setFixAgeMs(age).setFixQuality(q)
            .setSatellites(sats).build());
  }

  @Provide
  Arbitrary<EnergyRecord> energyRecords() {
    Arbitrary<EnergyRecord.Builder> first = Combinators.combine(headers().injectNull(0.2), texts(), longs(), ints(),
        longs(), longs(), longs(), longs()).as((h, cp, end, period, consumed, regen, depot, genset) -> {
          EnergyRecord.Builder b = EnergyRecord.newBuilder().setConsumptionPointId(cp).setPeriodEndUnixS(end)
              .setPeriodS(period).setConsumedWh(consumed).setRegeneratedWh(regen).setDepotChargeWh(depot)
              .setGensetWh(genset);
          if (h != null) {
            b.setHeader(h);
          }
          return b;
        });
    Arbitrary<Integer> status = Arbitraries.integers().between(0, 6);
    return Combinators.combine(first, longs(), positions().injectNull(0.3), status, status, status, ints(),
        Combinators.combine(longs(), longs(), longs()).as(List::of)).as((b, diesel, pos, ts, es, ls, quality, co2) -> {
          b.setDieselMl(diesel).setTimeStatusValue(ts).setEnergyStatusValue(es).setLocationStatusValue(ls)
              .setQualityWord(quality).setCo2TankToWheelG(co2.get(0)).setCo2WellToWheelG(co2.get(1))
              .setCo2AvoidedG(co2.get(2));
          if (pos != null) {
            b.setLocation(pos);
          }
          return b.build();
        });
  }

  @Provide
  Arbitrary<TripSummary> tripSummaries() {
    Arbitrary<TripSummary.Builder> first = Combinators.combine(headers().injectNull(0.2), texts(), longs(), longs(),
        longs(), longs(), longs(), ints()).as((h, id, start, end, distance, consumed, regen, socStart) -> {
          TripSummary.Builder b = TripSummary.newBuilder().setTripId(id).setStartUnixMs(start).setEndUnixMs(end)
              .setDistanceM(distance).setConsumedWh(consumed).setRegeneratedWh(regen).setSocStartPermille(socStart);
          if (h != null) {
            b.setHeader(h);
          }
          return b;
        });
    // a temperature is absent (never read good) in about one summary of four, else any value, 0 included
    return Combinators.combine(first, ints(), ints().injectNull(0.25), ints().injectNull(0.25),
        ints().injectNull(0.25), ints(), longs(), Combinators.combine(longs(), longs()).as(List::of))
        .as((b, socEnd, minT, maxT, motorT, alarms, co2, rest) -> {
          b.setSocEndPermille(socEnd).setAlarms(alarms).setCo2AvoidedG(co2).setDieselMl(rest.get(0))
              .setFrames(rest.get(1));
          if (minT != null) {
            b.setMinCellTempDc(minT);
          }
          if (maxT != null) {
            b.setMaxCellTempDc(maxT);
          }
          if (motorT != null) {
            b.setMaxMotorTempDc(motorT);
          }
          return b.build();
        });
  }

  @Test
  void clockQualityNames() {
    Header h = Header.newBuilder().setClockQuality(ClockQuality.CLOCK_STEPPED).build();
    EnergyRecord r = EnergyRecord.newBuilder().setHeader(h).build();
    assertEquals("{\"header\":{\"clockQuality\":\"CLOCK_STEPPED\"}}", energyJson(r));
  }
}
