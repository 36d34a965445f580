package io.locolink.gateway.trips;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.locolink.gateway.config.TripsConfig;
import io.locolink.gateway.framing.StreamKind;
import io.locolink.proto.v1.AlarmEvent;
import io.locolink.proto.v1.LogRecord;
import io.locolink.proto.v1.TelemetryFrame;
import io.locolink.testing.SyntheticTrip;
import io.locolink.testing.SyntheticTrip.State;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogRecordCodecTest {

  @TempDir Path dir;

  @Test
  void anEncodedFrameIsWrappedAsLogRecordFieldOneWithoutParsing() {
    TelemetryFrame frame = SyntheticTrip.frame(1, Instant.parse("2026-11-20T06:00:00Z"),
        new State(true, 20, 700, 100, 50, 25, 70, 80), 100, new Random(1));
    byte[] wrapped = LogRecordCodec.wrapEncodedFrame(frame.toByteArray());
    // records.proto: LogRecord.frame = 1, length-delimited -> tag byte (1 << 3) | 2 = 0x0A.
    assertEquals(0x0A, wrapped[0]);
    // then the length as a base-128 varint (protobuf encoding guide), then the frame's own bytes
    byte[] body = frame.toByteArray();
    java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
    expected.write(0x0A);
    for (long n = body.length; ; n >>>= 7) {
      if (n < 0x80) {
        expected.write((int) n);
        break;
      }
      expected.write((int) (n & 0x7F) | 0x80);
    }
    expected.writeBytes(body);
    assertArrayEquals(expected.toByteArray(), wrapped);
  }

  @Test
  void recordsHandedOverAsOutboxBytesLandInTheTripLog() throws Exception {
    Instant t0 = Instant.parse("2026-11-20T06:00:00Z");
    List<TelemetryFrame> frames = new ArrayList<>();
    FinishedTrip trip;
    try (TripRecorder recorder = TripRecorder.open(TripsConfig.defaults().withDirectory(dir), TripRecorderTest.HEADERS)) {
      Random noise = new Random(2);
      for (int t = 0; t < 30; t++) {
        State s = new State(true, 10, 700, 100, 50, 25, 70, 80);
        recorder.onSnapshot(SyntheticTrip.snapshot(t * 1_000_000_000L, t0.plusSeconds(t), s, t * 3.0, 0),
            SyntheticTrip.estimates(s));
        TelemetryFrame f = SyntheticTrip.frame(t, t0.plusSeconds(t), s, t * 3.0, noise);
        frames.add(f);
        recorder.onRecord(StreamKind.TELEMETRY, f.toByteArray());
      }
      recorder.onRecord(StreamKind.ALARM, SyntheticTrip.alarm(t0.plusSeconds(29), AlarmEvent.ALARM_RAISED, 0).toByteArray());
      recorder.onRecord(StreamKind.ENERGY, SyntheticTrip.energy(t0.plusSeconds(300), 10, 0, 7).toByteArray());
      recorder.onRecord(StreamKind.STATUS, new byte[] {1, 2, 3});
      trip = recorder.finishNow().orElseThrow();
    }
    List<LogRecord> records = new ArrayList<>();
    TripLogReader.read(dir.resolve("trips").resolve(trip.info().id() + ".llt"), p -> records.add(LogRecordCodec.parse(p)));
    assertEquals(frames, records.stream().filter(LogRecord::hasFrame).map(LogRecord::getFrame).toList());
    assertEquals(30, trip.summary().getFrames());
    assertEquals(1, trip.summary().getAlarms());
    assertEquals(7, trip.summary().getCo2AvoidedG());
    assertEquals(42, trip.sequence());
  }
}
