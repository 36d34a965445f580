package io.locolink.gateway.trips;

import com.google.protobuf.InvalidProtocolBufferException;
import io.locolink.gateway.framing.LogRecordCodec;
import io.locolink.gateway.framing.StreamKind;
import io.locolink.gateway.framing.TripSummaryFields;
import io.locolink.proto.v1.LogRecord;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;

/** Writes large trips straight into a store (incompressible payloads), for transfer tests and benchmarks. */
public final class TestTrips {

  private TestTrips() {}

  /** A finished trip whose log is at least {@code minBytes} long. */
  public static TripInfo writeLargeTrip(TripStore store, Instant start, long minBytes, long seed) {
    TripId id = TripId.of(start, (int) seed);
    Random random = new Random(seed);
    try (TripLogWriter writer = TripLogWriter.open(store.openPath(id), 64 * 1024, false)) {
      byte[] payload = new byte[4096];
      while (writer.sizeBytes() < minBytes) {
        random.nextBytes(payload);
        writer.append(LogRecordCodec.wrap(StreamKind.ALARM, io.locolink.proto.v1.Alarm.newBuilder()
            .setCode(java.util.HexFormat.of().formatHex(payload)).build().toByteArray()));
        if (writer.pendingBytes() >= 64 * 1024) {
          writer.flushBlock();
        }
      }
      TripSummaryFields summary = new TripSummaryFields(Optional.empty(), id.value(), start,
          start.plusMillis(3_600_000), 0, 0, 0, 0, 0, OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(),
          0, 0, 0, 0);
      writer.append(LogRecordCodec.wrap(summary));
      writer.close();
      return store.finish(id, summary, writer.sha256Hex());
    }
  }

  /**
   * One trip log record read with the generated {@code LogRecord} class, a reader independent of the
   * gateway's own codec.
   */
  public static LogRecord parse(byte[] payload) {
    try {
      return LogRecord.parseFrom(payload);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("record is not a LogRecord", e);
    }
  }
}
