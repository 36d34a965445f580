package io.locolink.gateway.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.acquisition.SnapshotSource;
import io.locolink.gateway.config.FramingConfig;
import io.locolink.gateway.config.JournalConfig;
import io.locolink.gateway.devices.SampleClock;
import io.locolink.gateway.estimation.CellStats;
import io.locolink.gateway.estimation.EnergyTotals;
import io.locolink.gateway.estimation.Estimates;
import io.locolink.gateway.framing.DecodedFrame;
import io.locolink.gateway.framing.StreamKind;
import io.locolink.gateway.framing.TelemetryFrameDecoder;
import io.locolink.gateway.journal.Journal;
import io.locolink.gateway.journal.JournalRecord;
import io.locolink.testing.Snapshots;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sampling before the gateway is open: the runner samples from its start and keeps the snapshots until the
 * pipeline is attached, which then gets them first, in the order they were taken, none left out; a full
 * backlog holds sampling back instead of dropping a snapshot; a runner closed before the pipeline came stops.
 */
class PipelineRunnerTest {

  private static final Instant START = Instant.parse("2026-11-25T06:00:00Z");

  /** Snapshots 100 ms apart from {@link #START}, pack current 100 A + 1 A per snapshot; counts them. */
  private static final class SteppingSource implements SnapshotSource {
    final List<Long> taken = new CopyOnWriteArrayList<>();
    final CountDownLatch reached;

    SteppingSource(int signalAt) {
      reached = new CountDownLatch(signalAt);
    }

    @Override
    public Snapshot acquire() {
      int n = taken.size();
      long nanos = 1_000_000_000L + n * 100_000_000L;
      taken.add(nanos);
      reached.countDown();
      return Snapshots.of(nanos, START.plusMillis(n * 100L), 3.3, 100 + n, 10, 2);
    }

    @Override
    public void close() {}
  }

  /** Cycles 1 ms apart on the wall clock: the snapshots' own times are what they say. */
  private static SampleClock fast() {
    return SampleClock.reading(InstantSource.system(), System::nanoTime, 1_000_000L);
  }

  private static GatewayPipeline pipeline(SnapshotSource source, Outbox outbox, List<Long> processed) {
    GatewayPipeline pipeline = new GatewayPipeline("KZ1", 77, source,
        s -> new Estimates(50, 1, 100, CellStats.of(s.pack()), 0, 0, 0, 0, 0, Optional.empty(), 0, List.of(),
            List.of(), EnergyTotals.zero(), true),
        outbox, new FramingConfig(10, 1000));
    pipeline.addHandler(cycle -> processed.add(cycle.snapshot().monotonicNanos()));
    return pipeline;
  }

  @Test
  void snapshotsTakenBeforeTheJournalWasOpenAreJournalledFirstInTheOrderTheyWereTaken(@TempDir Path dir)
      throws Exception {
    SteppingSource source = new SteppingSource(15);
    List<Long> processed = new CopyOnWriteArrayList<>();
    CountDownLatch fourFrames = new CountDownLatch(4);
    try (PipelineRunner runner = new PipelineRunner(source, fast(), 100, "acquisition-early", e -> { })) {
      runner.start();
      assertTrue(source.reached.await(30, TimeUnit.SECONDS), "15 snapshots taken");
      Journal journal = Journal.open(dir.resolve("journal"), JournalConfig.defaults(), InstantSource.system());
      journal.beginBoot(77);
      GatewayPipeline pipeline = pipeline(source, new JournalOutbox(journal), processed);
      pipeline.addHandler(cycle -> cycle.frames().forEach(f -> fourFrames.countDown()));
      runner.attach(pipeline);
      assertTrue(fourFrames.await(30, TimeUnit.SECONDS), "four frames stored");
      runner.close();
      journal.close();
    }
    assertEquals(source.taken, processed, "every snapshot taken went through the pipeline, in order");

    List<Instant> journalled = new ArrayList<>();
    try (Journal journal = Journal.open(dir.resolve("journal"), JournalConfig.defaults(), InstantSource.system())) {
      long after = -1;
      for (Optional<JournalRecord> r; (r = journal.next(StreamKind.TELEMETRY, after, Long.MAX_VALUE)).isPresent(); ) {
        DecodedFrame frame = TelemetryFrameDecoder.decode(r.get().payload());
        for (long offset : frame.sampleOffsetMs()) {
          journalled.add(Instant.ofEpochMilli(frame.timeUnixMs() + offset));
        }
        after = r.get().sequence();
      }
    }
    assertTrue(journalled.size() >= 40, "at least four frames of ten samples: " + journalled.size());
    assertEquals(LongStream.range(0, journalled.size()).mapToObj(i -> START.plusMillis(100 * i)).toList(), journalled,
        "the journal's frames hold every sample from the first one taken, 100 ms apart, in sequence order");
  }

  @Test
  void aFullBacklogHoldsSamplingBackUntilThePipelineComesAndNothingIsDropped() throws Exception {
    SteppingSource source = new SteppingSource(5);
    List<Long> processed = new CopyOnWriteArrayList<>();
    GatewayPipeline pipeline = pipeline(source, new ListOutbox(), processed);
    PipelineRunner runner = new PipelineRunner(source, fast(), 5, "acquisition-backlog-full", e -> { });
    runner.start();
    assertTrue(source.reached.await(30, TimeUnit.SECONDS), "5 snapshots taken");
    Thread acquisition = thread("acquisition-backlog-full");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (acquisition.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertEquals(Thread.State.WAITING, acquisition.getState(), "acquisition waits for the pipeline");
    assertEquals(5, source.taken.size(), "and takes no snapshot beyond the backlog's five");

    runner.attach(pipeline);
    runner.close();  // at once: the kept snapshots still reach the pipeline
    assertFalse(acquisition.isAlive(), "acquisition has stopped");
    assertTrue(processed.size() >= 5, "the five kept snapshots and any taken since: " + processed.size());
    assertEquals(source.taken, processed, "every snapshot taken went through the pipeline, in order");
  }

  @Test
  void aRunnerClosedBeforeThePipelineCameStopsSampling() throws Exception {
    SteppingSource source = new SteppingSource(3);
    PipelineRunner runner = new PipelineRunner(source, fast(), 100, "acquisition-closed-early", e -> { });
    runner.start();
    assertTrue(source.reached.await(30, TimeUnit.SECONDS), "3 snapshots taken");
    Thread acquisition = thread("acquisition-closed-early");
    runner.close();
    assertFalse(acquisition.isAlive(), "acquisition has stopped");
    runner.close();  // a second close is harmless: it throws nothing
  }

  private static Thread thread(String name) {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no thread " + name));
  }

  private static final class ListOutbox implements Outbox {
    private long sequence = 1;

    @Override
    public long nextSequence() {
      return sequence++;
    }

    @Override
    public void append(StreamKind kind, long seq, byte[] payload) {
      // kept nowhere: this test follows the snapshots, not the messages
    }
  }
}
