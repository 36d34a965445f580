package io.locolink.gateway.app;

import io.locolink.gateway.acquisition.ClockQuality;
import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.acquisition.SnapshotSource;
import io.locolink.gateway.config.FramingConfig;
import io.locolink.gateway.estimation.Estimates;
import io.locolink.gateway.estimation.Estimator;
import io.locolink.gateway.estimation.AlarmEvent;
import io.locolink.gateway.estimation.EnergyPeriod;
import io.locolink.gateway.framing.AlarmCodec;
import io.locolink.gateway.framing.CellPredictor;
import io.locolink.gateway.framing.EnergyRecordCodec;
import io.locolink.gateway.framing.HeaderFields;
import io.locolink.gateway.framing.BoundedFrameEncoder;
import io.locolink.gateway.trips.CycleRecords;
import io.locolink.gateway.framing.StreamKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One locomotive's acquisition → estimation → framing → outbox chain, advanced one acquisition
 * cycle per {@link #tick()}: a telemetry frame when the frame span is full, and an energy record or
 * alarm message for every period or alarm event the estimator closed. Not thread-safe: one scheduler thread calls {@code tick()}; listeners
 * run on that thread and must return quickly.
 */
public final class GatewayPipeline {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayPipeline.class);

  private final String locomotiveId;
  private final long bootId;
  private final SnapshotSource source;
  private final Estimator estimator;
  private final Outbox outbox;
  private final long frameSpanNanos;
  private final long samplePeriodNanos;
  private final List<Snapshot> pending = new ArrayList<>();
  private final CellPredictor cells;
  private final List<Consumer<LiveState>> listeners = new CopyOnWriteArrayList<>();
  private final List<RecordHandler> handlers = new CopyOnWriteArrayList<>();
  private long framesWritten;
  private final BoundedFrameEncoder frames;
  private Supplier<ClockQuality> clock;

  /**
   * Extra work on each cycle, run after framing with everything the cycle produced: its snapshot,
   * estimates and the messages it stored (the trip recorder).
   */
  @FunctionalInterface
  public interface RecordHandler {
    void handle(CycleRecords cycle);
  }

  public GatewayPipeline(String locomotiveId, long bootId, SnapshotSource source, Estimator estimator,
      Outbox outbox, FramingConfig framing) {
    this.locomotiveId = locomotiveId;
    this.bootId = bootId;
    this.source = source;
    this.estimator = estimator;
    this.outbox = outbox;
    this.frameSpanNanos = framing.frameSpanMs() * 1_000_000L;
    this.samplePeriodNanos = framing.samplePeriodNanos();
    this.cells = new CellPredictor(framing.keyFrameInterval());
    this.frames = new BoundedFrameEncoder(framing.maxMessageBytes(), cells);
  }

  public void addListener(Consumer<LiveState> listener) {
    listeners.add(listener);
  }

  public void addHandler(RecordHandler handler) {
    handlers.add(handler);
  }

  /**
   * Runs one acquisition cycle. Energy records and alarms the cycle closed are stored first, each on
   * its own, then the frame when the frame span is full: a failed store of one message (a disk
   * fault, logged) never takes another with it.
   */
  public void tick() {
    process(source.acquire());
  }

  /**
   * Runs one acquisition cycle on a snapshot taken before (by a {@link PipelineRunner} while the gateway
   * was starting), as {@link #tick()} does on one it takes. Snapshots must come in the order they were taken.
   */
  public void process(Snapshot snapshot) {
    Estimates estimates = estimator.update(snapshot);
    List<CycleRecords.Encoded<EnergyPeriod>> energy = new ArrayList<>(1);
    for (EnergyPeriod period : estimates.closedPeriods()) {
      storePeriod(period, snapshot).ifPresent(energy::add);
    }
    List<CycleRecords.Encoded<AlarmEvent>> alarms = new ArrayList<>(1);
    for (AlarmEvent event : estimates.alarmEvents()) {
      HeaderFields at = header(snapshot);
      HeaderFields header = new HeaderFields(at.locomotiveId(), at.bootId(), at.sequence(), event.utc(), at.clock());
      store(StreamKind.ALARM, header.sequence(), () -> AlarmCodec.encode(event, header))
          .ifPresent(bytes -> {
            LOG.info("alarm {} {} {} at {} journaled as sequence {}", event.code(), event.tier(), event.kind(),
                event.utc(), header.sequence());
            alarms.add(new CycleRecords.Encoded<>(event, bytes));
          });
    }
    pending.add(snapshot);
    long covered = snapshot.monotonicNanos() - pending.get(0).monotonicNanos() + samplePeriodNanos;
    List<byte[]> frame = covered >= frameSpanNanos ? writeFrames(estimates) : List.of();
    CycleRecords cycle = new CycleRecords(snapshot, estimates, frame, energy, alarms);
    for (RecordHandler handler : handlers) {
      handler.handle(cycle);
    }
    LiveState live = new LiveState(snapshot, estimates);
    for (Consumer<LiveState> listener : listeners) {
      try {
        listener.accept(live);
      } catch (RuntimeException e) {
        LOG.warn("live-state listener failed", e);
      }
    }
  }

  private Optional<CycleRecords.Encoded<EnergyPeriod>> storePeriod(EnergyPeriod period, Snapshot at) {
    HeaderFields header = header(at);
    return store(StreamKind.ENERGY, header.sequence(), () -> EnergyRecordCodec.encode(period, header))
        .map(bytes -> new CycleRecords.Encoded<>(period, bytes));
  }

  /** Sets where message headers take the clock's quality from (default: each snapshot's own). */
  public void useClockQuality(Supplier<ClockQuality> clock) {
    this.clock = clock;
  }

  /** Frames written since start. */
  public long framesWritten() {
    return framesWritten;
  }

  /** Frames the pending snapshots (several frames if one would exceed the size bound) and stores them. */
  private List<byte[]> writeFrames(Estimates estimates) {
    try {
      List<byte[]> stored = new ArrayList<>(1);
      for (BoundedFrameEncoder.Frame f : frames.encode(header(pending.get(0)), pending, estimates, this::header)) {
        byte[] bytes = f.bytes();
        Optional<byte[]> ok = store(StreamKind.TELEMETRY, f.sequence(), () -> bytes);
        if (ok.isPresent()) {
          framesWritten++;
          stored.add(bytes);
        } else {
          cells.reset();  // the next frame must not be predicted from one that was never stored
        }
      }
      return stored;
    } finally {
      pending.clear();
    }
  }

  /** Appends one message; a storage failure is logged and reported as empty, never thrown on. */
  private Optional<byte[]> store(StreamKind kind, long sequence, Supplier<byte[]> payload) {
    byte[] bytes = payload.get();
    try {
      outbox.append(kind, sequence, bytes);
      return Optional.of(bytes);
    } catch (OutboxFailedException e) {
      LOG.error("{} message {} could not be stored: {}", kind, sequence, e.getMessage(), e.getCause());
      return Optional.empty();
    }
  }

  private HeaderFields header(Snapshot at) {
    ClockQuality quality = clock == null ? at.clock() : clock.get();
    return new HeaderFields(locomotiveId, bootId, outbox.nextSequence(), at.utc(), quality);
  }
}
