package io.locolink.gateway.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.acquisition.SnapshotSource;
import io.locolink.gateway.config.FramingConfig;
import io.locolink.gateway.estimation.AlarmEvent;
import io.locolink.gateway.estimation.AlarmTier;
import io.locolink.gateway.estimation.CellStats;
import io.locolink.gateway.estimation.EnergyPeriod;
import io.locolink.gateway.framing.AlarmCodec;
import io.locolink.gateway.framing.EnergyRecordCodec;
import io.locolink.gateway.estimation.EnergyTotals;
import io.locolink.gateway.estimation.Estimates;
import io.locolink.gateway.framing.DecodedFrame;
import io.locolink.gateway.framing.TelemetryFrameDecoder;
import io.locolink.gateway.framing.StreamKind;
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
        s -> new Estimates(50, 1, 100, CellStats.of(s.pack()), 0, 0, 0, 0, 0, Optional.empty(), 0, List.of(), List.of(),
            EnergyTotals.zero(), true),
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

  @Test
  void closedPeriodsAndAlarmEventsBecomeTheirOwnMessagesWithTheirOwnSequenceNumbers() {
    ListOutbox outbox = new ListOutbox();
    Instant end = Instant.parse("2026-11-25T06:05:00Z");
    EnergyPeriod period = new EnergyPeriod("KZ1-CP", end, 300, 4200, 300, 0, 0, 0, Optional.empty(),
        EnergyPeriod.DataStatus.VALID, EnergyPeriod.DataStatus.VALID, EnergyPeriod.DataStatus.MISSING, 0, 0, 0, 0);
    AlarmEvent alarm = new AlarmEvent("CELL_VOLTAGE_HIGH", AlarmTier.NOTE, AlarmEvent.Kind.RAISED, "cell.voltage", 17,
        3.56, 3.55, "V", end, 0);
    GatewayPipeline pipeline = new GatewayPipeline("KZ1", 77, new SteppingSource(),
        s -> new Estimates(50, 1, 100, CellStats.of(s.pack()), 0, 0, 0, 0, 1, Optional.of(AlarmTier.NOTE), 0,
            List.of(period), List.of(alarm), EnergyTotals.zero(), true),
        outbox, new FramingConfig(10, 1000));
    pipeline.tick();
    assertEquals(List.of(StreamKind.ENERGY, StreamKind.ALARM), outbox.stored.stream().map(Stored::kind).toList());
    assertEquals(List.of(500L, 501L), outbox.stored.stream().map(Stored::sequence).toList());
    EnergyPeriod decoded = EnergyRecordCodec.decode(outbox.stored.get(0).payload());
    assertEquals(4200, decoded.consumedWh());
    assertEquals(end, decoded.periodEnd());
    AlarmEvent decodedAlarm = AlarmCodec.decode(outbox.stored.get(1).payload());
    assertEquals("CELL_VOLTAGE_HIGH", decodedAlarm.code());
    assertEquals(17, decodedAlarm.index());
    assertEquals(end, decodedAlarm.utc(), "an alarm's header carries the time of the event");
  }

  @Test
  void aFrameThatCannotBeStoredTakesNoEnergyRecordOrAlarmWithIt() {
    ListOutbox disk = new ListOutbox();
    Outbox failingForTelemetry = new Outbox() {
      @Override
      public long nextSequence() {
        return disk.nextSequence();
      }

      @Override
      public void append(StreamKind kind, long sequence, byte[] payload) {
        if (kind == StreamKind.TELEMETRY) {
          throw new OutboxFailedException("disk full of bad blocks", new java.io.IOException("EIO"));
        }
        disk.append(kind, sequence, payload);
      }
    };
    Instant end = Instant.parse("2026-11-25T06:05:00Z");
    EnergyPeriod period = new EnergyPeriod("KZ1-CP", end, 300, 4200, 300, 0, 0, 0, Optional.empty(),
        EnergyPeriod.DataStatus.VALID, EnergyPeriod.DataStatus.VALID, EnergyPeriod.DataStatus.MISSING, 0, 0, 0, 0);
    AlarmEvent alarm = new AlarmEvent("CELL_VOLTAGE_HIGH", AlarmTier.NOTE, AlarmEvent.Kind.RAISED, "cell.voltage", 3,
        3.56, 3.55, "V", end, 0);
    int[] cycle = {0};
    GatewayPipeline pipeline = new GatewayPipeline("KZ1", 77, new SteppingSource(),
        s -> new Estimates(50, 1, 100, CellStats.of(s.pack()), 0, 0, 0, 0, 1, Optional.of(AlarmTier.NOTE), 0,
            cycle[0]++ == 9 ? List.of(period) : List.of(), cycle[0] == 10 ? List.of(alarm) : List.of(),
            EnergyTotals.zero(), true),
        failingForTelemetry, new FramingConfig(10, 1000));
    for (int i = 0; i < 20; i++) {
      pipeline.tick();
    }
    assertEquals(List.of(StreamKind.ENERGY, StreamKind.ALARM), disk.stored.stream().map(Stored::kind).toList(),
        "the cycle whose frame failed still stored its energy record and alarm");
    assertEquals(0, pipeline.framesWritten());
  }

  @Test
  void headersTakeTheClockQualityFromTheClockJudge() {
    ListOutbox outbox = new ListOutbox();
    GatewayPipeline pipeline = new GatewayPipeline("KZ1", 77, new SteppingSource(),
        s -> new Estimates(50, 1, 100, CellStats.of(s.pack()), 0, 0, 0, 0, 0, Optional.empty(), 0, List.of(), List.of(),
            EnergyTotals.zero(), true),
        outbox, new FramingConfig(10, 1000));
    pipeline.useClockQuality(() -> io.locolink.gateway.acquisition.ClockQuality.STEPPED);
    for (int i = 0; i < 10; i++) {
      pipeline.tick();
    }
    assertEquals("CLOCK_STEPPED", TelemetryFrameDecoder.decode(outbox.stored.get(0).payload()).clock(),
        "the snapshots say SYNCED; the judge saw a step");
  }
}
