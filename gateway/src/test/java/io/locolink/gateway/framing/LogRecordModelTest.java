package io.locolink.gateway.framing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.locolink.proto.v1.AlarmEvent;
import io.locolink.proto.v1.TelemetryFrame;
import io.locolink.testing.ReferencePackFrames;
import io.locolink.testing.SyntheticTrip;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The trip log's record coding gives every record back byte for byte: the ground and depot tools
 * take the log as the frames as sent.
 */
class LogRecordModelTest {

  /**
   * Ten minutes of the reference pack's frames as the gateway makes them, v1.1 and v1.2 mixed as
   * after an upgrade, with a new sequence (a new log member) every 200 records: every record comes
   * back exactly, and every frame was taken apart (none fell back to being stored as it is).
   */
  @ParameterizedTest
  @ValueSource(doubles = {0, 0.3, 5.0})
  void everyFrameOfTheReferencePackComesBackByteForByte(double sigmaMv) {
    ReferencePackFrames source = new ReferencePackFrames(sigmaMv);
    List<byte[]> records = new ArrayList<>();
    for (int t = 0; t < 600; t++) {
      ReferencePackFrames.Second second = source.next();
      TelemetryFrame frame = t % 200 < 150 ? second.v12() : second.v11();
      records.add(LogRecordCodec.wrap(StreamKind.TELEMETRY, frame.toByteArray()));
    }
    LogRecordModel coder = new LogRecordModel();
    LogRecordModel decoder = new LogRecordModel();
    for (int i = 0; i < records.size(); i++) {
      if (i % 200 == 0) {
        coder.reset();
        decoder.reset();
      }
      byte[] coded = coder.encode(records.get(i));
      assertEquals(1, coded[0], "record " + i + " is coded as a frame taken apart");
      assertArrayEquals(records.get(i), decoder.decode(coded), "record " + i);
    }
  }

  @Test
  void otherRecordsAndFramesThatDoNotPutBackTheSameComeBackAsTheyAre() {
    Random random = new Random(5);
    TelemetryFrame frame = SyntheticTrip.frame(3, Instant.ofEpochSecond(1_800_000_000L),
        new SyntheticTrip.State(true, 20, 700, 100, 50, 25, 80, 70), 1000, random);
    // the header twice: a parser merges the two (protobuf encoding guide, "Last One Wins"), so the
    // frame parses, but written again it has one header: not the record as it was
    ByteArrayOutputStream twice = new ByteArrayOutputStream();
    twice.writeBytes(frame.toByteArray());
    twice.writeBytes(TelemetryFrame.newBuilder().setHeader(frame.getHeader()).build().toByteArray());
    byte[] garbage = new byte[300];
    random.nextBytes(garbage);
    List<byte[]> records = List.of(
        LogRecordCodec.wrap(StreamKind.ENERGY, SyntheticTrip.energy(Instant.ofEpochSecond(1_800_000_300L), 10, 2, 7)
            .toByteArray()),
        LogRecordCodec.wrap(StreamKind.ALARM, SyntheticTrip.alarm(Instant.ofEpochSecond(1_800_000_001L),
            AlarmEvent.ALARM_RAISED, 0).toByteArray()),
        LogRecordCodec.wrap(StreamKind.TELEMETRY, twice.toByteArray()),
        LogRecordCodec.wrap(StreamKind.TELEMETRY, garbage),
        garbage,
        new byte[0]);
    LogRecordModel coder = new LogRecordModel();
    LogRecordModel decoder = new LogRecordModel();
    for (int i = 0; i < records.size(); i++) {
      byte[] coded = coder.encode(records.get(i));
      assertEquals(0, coded[0], "record " + i + " is stored as it is");
      assertArrayEquals(records.get(i), decoder.decode(coded), "record " + i);
    }
    // a frame taken apart after them decodes with the state they left
    byte[] record = LogRecordCodec.wrap(StreamKind.TELEMETRY, frame.toByteArray());
    byte[] coded = coder.encode(record);
    assertEquals(1, coded[0]);
    assertArrayEquals(record, decoder.decode(coded));
  }

  @Test
  void codedRecordsItDidNotWriteAreRefused() {
    LogRecordModel decoder = new LogRecordModel();
    assertThrows(MalformedMessageException.class, () -> decoder.decode(new byte[0]));
    assertThrows(MalformedMessageException.class, () -> decoder.decode(new byte[] {2, 0}));
    assertThrows(MalformedMessageException.class, () -> decoder.decode(new byte[] {1, (byte) 0x80}));
    assertThrows(MalformedMessageException.class, () -> decoder.decode(new byte[] {1, 100, 8}));
  }
}
