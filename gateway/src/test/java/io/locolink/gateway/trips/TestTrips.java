package io.locolink.gateway.trips;

import io.locolink.proto.v1.Header;
import io.locolink.proto.v1.TripSummary;
import java.time.Instant;
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
        writer.append(LogRecordCodec.wrap(io.locolink.proto.v1.Alarm.newBuilder()
            .setCode(java.util.HexFormat.of().formatHex(payload)).build()));
        if (writer.pendingBytes() >= 64 * 1024) {
          writer.flushBlock();
        }
      }
      TripSummary summary = TripSummary.newBuilder().setHeader(Header.getDefaultInstance()).setTripId(id.value())
          .setStartUnixMs(start.toEpochMilli()).setEndUnixMs(start.toEpochMilli() + 3_600_000).build();
      writer.append(LogRecordCodec.wrap(summary));
      writer.close();
      return store.finish(id, summary, writer.sha256Hex());
    }
  }
}
