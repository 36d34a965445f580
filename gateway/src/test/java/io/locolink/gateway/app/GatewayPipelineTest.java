package io.locolink.gateway.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.acquisition.SnapshotSource;
import io.locolink.gateway.config.FramingConfig;
import io.locolink.gateway.estimation.CellStats;
import io.locolink.gateway.estimation.Estimates;
import io.locolink.gateway.framing.DecodedFrame;
import io.locolink.gateway.framing.TelemetryFrameDecoder;
import io.locolink.gateway.journal.StreamKind;
import io.locolink.testing.Snapshots;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GatewayPipelineTest {

  /** A source that steps 100 ms per cycle with the current rising 1 A per cycle. */
  private static final class SteppingSource implements SnapshotSource {
    private int cycle;

    @Override
    public Snapshot acquire() {
      long nanos = 1_000_000_000L + cycle * 100_000_000L;
      Instant utc = Instant.parse("2026-11-25T06:00:00Z").plusMillis(cycle * 100L);
      return Snapshots.of(nanos, utc, 3.3, 100 + cycle++, 10, 2);
    }

    @Override
    public void close() {}
  }

  private record Stored(StreamKind kind, long sequence, byte[] payload) {}

  private static final class ListOutbox implements Outbox {
    final AtomicLong sequence = new AtomicLong(500);
    final List<Stored> stored = new ArrayList<>();

    @Override
    public long nextSequence() {
      return sequence.getAndIncrement();
    }

    @Override
    public void append(StreamKind kind, long seq, byte[] payload) {
      stored.add(new Stored(kind, seq, payload));
    }
  }

  @Test
  void tenCyclesAt10HzMakeOneFrameOfOneSecond() {
    ListOutbox outbox = new ListOutbox();
    GatewayPipeline pipeline = new GatewayPipeline("KZ1", 77, new SteppingSource(),
        s -> new Estimates(50, 1, 100, CellStats.of(s.pack()), 0, 0, 0, 0, 0, Optional.empty(), 0, List.of(), List.of()),
        outbox, new FramingConfig(10, 1000));
    List<LiveState> live = new ArrayList<>();
    pipeline.addListener(live::add);
    for (int i = 0; i < 25; i++) {
      pipeline.tick();
    }
    assertEquals(25, live.size(), "every cycle reaches local observers");
    assertEquals(2, outbox.stored.size(), "25 cycles at 10 Hz fill two 1 s frames");
    DecodedFrame first = TelemetryFrameDecoder.decode(outbox.stored.get(0).payload());
    DecodedFrame second = TelemetryFrameDecoder.decode(outbox.stored.get(1).payload());
    assertEquals(StreamKind.TELEMETRY, outbox.stored.get(0).kind());
    assertEquals(500, first.sequence());
    assertEquals(501, second.sequence());
    assertEquals(outbox.stored.get(1).sequence(), second.sequence(), "header and journal agree on the sequence");
    assertEquals(10, first.packCurrentA().length);
    assertEquals(100.0, first.packCurrentA()[0], 0.05);
    assertEquals(110.0, second.packCurrentA()[0], 0.05, "no sample lost or repeated between frames");
    assertEquals(1000, second.timeUnixMs() - first.timeUnixMs());
    assertEquals(77, first.bootId());
  }
}
