package io.locolink.gateway.trips;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.locolink.gateway.config.TripsConfig;
import io.locolink.proto.v1.Header;
import io.locolink.proto.v1.LogRecord;
import io.locolink.proto.v1.TripSummary;
import io.locolink.testing.SyntheticTrip;
import io.locolink.testing.SyntheticTrip.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trip logs as earlier releases wrote them, record by record with the generated {@code LogRecord}
 * and {@code TripSummary} classes, still index and recover: the log format did not change when its
 * encoding moved into framing.
 */
class EarlierTripLogTest {

  static final Instant T0 = Instant.parse("2026-11-20T06:00:00Z");

  @TempDir Path dir;

  @Test
  void aFinishedLogWithoutItsIndexFilesIsIndexedFromItsFinalSummary() throws Exception {
    TripId id = TripId.of(T0, 1);
    TripSummary last = summary(id, 60).toBuilder().setHeader(Header.newBuilder().setLocomotiveId("TEST-001")
        .setSequence(9).setTimeUnixMs(T0.toEpochMilli())).build();
    Path log = dir.resolve(id + ".llt");
    write(log, id, 60, last);

    TripStore store = TripStore.open(dir, 1L << 30);

    TripInfo info = store.find(id.value()).orElseThrow();
    assertEquals(T0, info.start());
    assertEquals(T0.plusSeconds(60), info.end());
    assertEquals(Files.size(log), info.sizeBytes());
    assertEquals(TripStore.sha256(log), info.sha256Hex());
    assertArrayEquals(last.toByteArray(), store.summaryBytes(info), "the summary file holds the log's own bytes");
  }

  @Test
  void aLogLeftOpenIsFinishedFromItsLastCheckpoint() throws Exception {
    TripId id = TripId.of(T0, 2);
    Path trips = dir.resolve("trips");
    Files.createDirectories(trips);
    write(trips.resolve(id + ".llt.open"), id, 30, summary(id, 30));

    try (TripRecorder recorder = TripRecorder.open(TripsConfig.defaults().withDirectory(dir),
        TripRecorderTest.HEADERS)) {
      FinishedTrip trip = recorder.recoveredTrips().get(0);
      assertEquals(id, trip.info().id());
      assertEquals(T0.plusSeconds(30), trip.summary().end());
      assertEquals(30, trip.summary().frames());
      assertEquals(1_234, trip.summary().consumedWh());
      assertEquals(java.util.OptionalInt.of(-31), trip.summary().minCellTempDc());
      // the checkpoint's values under the new header, as the generated class reads them
      TripSummary published = TripSummary.parseFrom(trip.summaryBytes());
      assertEquals(summary(id, 30).toBuilder().clearHeader().build(), published.toBuilder().clearHeader().build());
      assertEquals(42, published.getHeader().getSequence());
    }
  }

  /** A checkpoint as the recorder wrote it: an empty header, the totals so far. */
  private static TripSummary summary(TripId id, int seconds) {
    return TripSummary.newBuilder().setHeader(Header.getDefaultInstance()).setTripId(id.value())
        .setStartUnixMs(T0.toEpochMilli()).setEndUnixMs(T0.plusSeconds(seconds).toEpochMilli()).setDistanceM(300)
        .setConsumedWh(1_234).setSocStartPermille(800).setSocEndPermille(790).setMinCellTempDc(-31)
        .setMaxCellTempDc(250).setMaxMotorTempDc(700).setAlarms(1).setCo2AvoidedG(55).setDieselMl(0)
        .setFrames(seconds).build();
  }

  private static void write(Path file, TripId id, int seconds, TripSummary last) {
    Random noise = new Random(5);
    try (TripLogWriter w = TripLogWriter.open(file, 16 * 1024, false)) {
      for (int t = 1; t <= seconds; t++) {
        w.append(LogRecord.newBuilder().setFrame(SyntheticTrip.frame(t, T0.plusSeconds(t),
            new State(true, 10, 700, 80, 30, 20, 60, 79), 1000 + t * 10, noise)).build().toByteArray());
      }
      w.append(LogRecord.newBuilder().setTrip(last).build().toByteArray());
      w.flushBlock();
    }
  }
}
