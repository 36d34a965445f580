package io.locolink.gateway.framing;

import static io.locolink.gateway.framing.CodecBytes.HEADER;
import static io.locolink.gateway.framing.CodecBytes.bytes;
import static io.locolink.gateway.framing.CodecBytes.header;
import static io.locolink.gateway.framing.CodecBytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.locolink.gateway.acquisition.GnssFix;
import io.locolink.gateway.estimation.EnergyPeriod;
import io.locolink.gateway.estimation.EnergyPeriod.DataStatus;
import io.locolink.gateway.estimation.EnergyPeriod.EnergyQuality;
import io.locolink.proto.v1.EnergyRecord;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Energy records against bytes written by hand from records.proto. */
class EnergyRecordCodecTest {

  private static final Instant END = Instant.ofEpochSecond(300);

  static EnergyPeriod period() {
    GnssFix fix = new GnssFix(1.0, -2.0, 12.5, END.minusSeconds(2), 1, 9, 123);
    return new EnergyPeriod("CP", END, 300, 1332, 5, 0, 200, 150, Optional.of(fix),
        DataStatus.VALID, DataStatus.UNCERTAIN, DataStatus.VALID,
        EnergyQuality.INCOMPLETE_PERIOD.bit() | EnergyQuality.MEASUREMENT_FAULT.bit(), 400, 500, -300);
  }

  @Test
  void encodesEveryFieldAsTheSchemaSays() {
    byte[] expected = bytes(
        new int[] {0x0A, 0x14}, HEADER, // 1 header: LEN 20
        new int[] {0x12, 0x02, 'C', 'P'}, // 2 consumption_point_id: "CP"
        new int[] {0x18, 0xAC, 0x02}, // 3 period_end_unix_s: varint 300
        new int[] {0x20, 0xAC, 0x02}, // 4 period_s: varint 300
        new int[] {0x28, 0xB4, 0x0A}, // 5 consumed_wh: 1332 = 0x34 | 10 << 7
        new int[] {0x30, 0x05}, // 6 regenerated_wh: 5
        // 7 depot_charge_wh: 0 is the proto3 default, not written
        new int[] {0x40, 0xC8, 0x01}, // 8 genset_wh: 200 = 0x48 | 1 << 7
        new int[] {0x48, 0x96, 0x01}, // 9 diesel_ml: 150 = 0x16 | 1 << 7
        new int[] {0x52, 0x11}, // 10 location: LEN 17
        new int[] {0x08, 0x80, 0xDA, 0xC4, 0x09}, //   1 latitude_e7: sint32 10 000 000, zigzag 20 000 000
        new int[] {0x10, 0xFF, 0xB3, 0x89, 0x13}, //   2 longitude_e7: sint32 -20 000 000, zigzag 39 999 999
        new int[] {0x18, 0xD0, 0x0F}, //   3 fix_age_ms: 2000 (fix 2 s before period end)
        new int[] {0x20, 0x01}, //   4 fix_quality: 1
        new int[] {0x28, 0x09}, //   5 satellites: 9
        new int[] {0x58, 0x01}, // 11 time_status: DATA_VALID = 1
        new int[] {0x60, 0x02}, // 12 energy_status: DATA_UNCERTAIN = 2
        new int[] {0x68, 0x01}, // 13 location_status: DATA_VALID = 1
        new int[] {0x70, 0xC0, 0x04}, // 14 quality_word: 1<<6 | 1<<9 = 576 (incomplete, measurement fault)
        new int[] {0x78, 0xA0, 0x06}, // 15 co2_tank_to_wheel_g: sint64 400, zigzag 800
        new int[] {0x80, 0x01, 0xE8, 0x07}, // 16 co2_well_to_wheel_g: tag 16<<3 = 128; sint64 500, zigzag 1000
        new int[] {0x88, 0x01, 0xD7, 0x04}); // 17 co2_avoided_g: tag 17<<3 = 136; sint64 -300, zigzag 599
    assertEquals(hex(expected), hex(EnergyRecordCodec.encode(period(), header())));
  }

  @Test
  void decodesWhatItEncodes() throws Exception {
    EnergyRecord wire = EnergyRecord.parseFrom(EnergyRecordCodec.encode(period(), header()));
    EnergyPeriod back = EnergyRecordCodec.fromProto(wire);
    EnergyPeriod sent = period();
    assertEquals(sent.consumedWh(), back.consumedWh());
    assertEquals(sent.co2AvoidedG(), back.co2AvoidedG());
    assertEquals(sent.qualityWord(), back.qualityWord());
    assertEquals(sent.energyStatus(), back.energyStatus());
    assertEquals(1.0, back.location().orElseThrow().latitudeDeg(), 1e-7);
    assertEquals(-2.0, back.location().orElseThrow().longitudeDeg(), 1e-7);
    assertEquals(END.minusSeconds(2), back.location().orElseThrow().utc());
    assertEquals("L1", wire.getHeader().getLocomotiveId());
  }

  @Test
  void aPeriodWithoutFixHasNoLocation() {
    EnergyPeriod p = period();
    EnergyPeriod noFix = new EnergyPeriod("CP", END, 300, 0, 0, 0, 0, 0, Optional.empty(),
        DataStatus.VALID, DataStatus.VALID, DataStatus.MISSING, 0, 0, 0, 0);
    EnergyRecord wire = EnergyRecordCodec.toProto(noFix, header());
    assertEquals(false, wire.hasLocation());
    assertEquals(Optional.empty(), EnergyRecordCodec.fromProto(wire).location());
    assertEquals(p.consumptionPointId(), EnergyRecordCodec.fromProto(wire).consumptionPointId());
  }

  @Test
  void headerFieldsOverloadWritesTheSameBytes() {
    HeaderFields fields = new HeaderFields("L1", 1, 7, Instant.ofEpochMilli(1000), io.locolink.gateway.acquisition.ClockQuality.SYNCED);
    assertEquals(hex(EnergyRecordCodec.encode(period(), header())), hex(EnergyRecordCodec.encode(period(), fields)));
    assertEquals(1332, EnergyRecordCodec.decode(EnergyRecordCodec.encode(period(), fields)).consumedWh());
  }

  @Test
  void foreignBytesAreMalformed() {
    assertThrows(MalformedMessageException.class, () -> EnergyRecordCodec.decode(new byte[] {(byte) 0xFF, 0x01, 0x02}));
    byte[] noStatus = EnergyRecord.newBuilder().setPeriodS(300).setConsumptionPointId("X").build().toByteArray();
    assertThrows(MalformedMessageException.class, () -> EnergyRecordCodec.decode(noStatus));
  }

  @Test
  void aRecordWithoutStatusIsRejected() {
    EnergyRecord foreign = EnergyRecord.newBuilder().setPeriodS(300).setConsumptionPointId("X").build();
    assertThrows(IllegalArgumentException.class, () -> EnergyRecordCodec.fromProto(foreign));
  }
}
