package io.locolink.gateway.framing;

import static io.locolink.gateway.framing.CodecBytes.HEADER;
import static io.locolink.gateway.framing.CodecBytes.bytes;
import static io.locolink.gateway.framing.CodecBytes.header;
import static io.locolink.gateway.framing.CodecBytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.locolink.gateway.estimation.AlarmEvent;
import io.locolink.gateway.estimation.AlarmTier;
import io.locolink.proto.v1.Alarm;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Alarms against bytes written by hand from records.proto. */
class AlarmCodecTest {

  private static final AlarmEvent RAISED = new AlarmEvent("CELL_VOLTAGE_HIGH", AlarmTier.REDUCE,
      AlarmEvent.Kind.RAISED, "cell.voltage", 17, 3.612, 3.60, "V", Instant.ofEpochMilli(1000), 0);

  @Test
  void encodesEveryFieldAsTheSchemaSays() {
    byte[] expected = bytes(
        new int[] {0x0A, 0x14}, HEADER, // 1 header: LEN 20
        new int[] {0x12, 0x11}, "CELL_VOLTAGE_HIGH".chars().toArray(), // 2 code: LEN 17
        new int[] {0x18, 0x02}, // 3 tier: ALARM_REDUCE = 2
        new int[] {0x20, 0x01}, // 4 event: ALARM_RAISED = 1
        new int[] {0x28, 0x03}, // 5 channel: CHANNEL_CELL_VOLTAGE = 3
        new int[] {0x30, 0x11}, // 6 index: 17
        new int[] {0x38, 0xB8, 0x38}, // 7 value_milli: sint64 3612, zigzag 7224 = 0x38 | 56 << 7
        new int[] {0x40, 0xA0, 0x38}, // 8 limit_milli: sint64 3600, zigzag 7200 = 0x20 | 56 << 7
        new int[] {0x4A, 0x01, 'V'}); // 9 unit: "V"; 10 suppressed 0 not written
    assertEquals(hex(expected), hex(AlarmCodec.encode(RAISED, header())));
  }

  @Test
  void decodesWhatItEncodesTimedByTheHeader() throws Exception {
    AlarmEvent back = AlarmCodec.fromProto(Alarm.parseFrom(AlarmCodec.encode(RAISED, header())));
    assertEquals(RAISED, back);
  }

  @Test
  void stormSummaryCarriesItsCount() {
    AlarmEvent storm = new AlarmEvent("STORM_SUMMARY", AlarmTier.NOTE, AlarmEvent.Kind.STORM_SUMMARY,
        "alarms", 0, 57, 20, "events", Instant.ofEpochMilli(1000), 57);
    Alarm wire = AlarmCodec.toProto(storm, header());
    assertEquals(57, wire.getSuppressed());
    assertEquals(storm, AlarmCodec.fromProto(wire));
  }

  @Test
  void foreignBytesAreMalformed() {
    assertThrows(MalformedMessageException.class, () -> AlarmCodec.decode(new byte[] {(byte) 0xFF, 0x01, 0x02}));
    HeaderFields fields = new HeaderFields("L1", 1, 7, Instant.ofEpochMilli(1000), io.locolink.gateway.acquisition.ClockQuality.SYNCED);
    assertEquals(RAISED, AlarmCodec.decode(AlarmCodec.encode(RAISED, fields)));
  }

  @Test
  void anAlarmWithoutTierIsRejected() {
    Alarm foreign = Alarm.newBuilder().setCode("X").setEvent(io.locolink.proto.v1.AlarmEvent.ALARM_RAISED).build();
    assertThrows(IllegalArgumentException.class, () -> AlarmCodec.fromProto(foreign));
  }
}
