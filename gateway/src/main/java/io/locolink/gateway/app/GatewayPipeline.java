package io.locolink.gateway.app;

import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.acquisition.SnapshotSource;
import io.locolink.gateway.config.FramingConfig;
import io.locolink.gateway.estimation.Estimates;
import io.locolink.gateway.estimation.Estimator;
import io.locolink.gateway.estimation.AlarmEvent;
import io.locolink.gateway.estimation.EnergyPeriod;
import io.locolink.gateway.framing.AlarmCodec;
import io.locolink.gateway.framing.EnergyRecordCodec;
import io.locolink.gateway.framing.HeaderFields;
import io.locolink.gateway.framing.TelemetryFrameEncoder;
import io.locolink.gateway.journal.StreamKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
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
  private final List<Consumer<LiveState>> listeners = new CopyOnWriteArrayList<>();
  private final List<RecordHandler> handlers = new CopyOnWriteArrayList<>();
  private long framesWritten;

  /** Extra work on each cycle's estimates (energy records, alarms, trips), run after framing. */
  @FunctionalInterface
  public interface RecordHandler {
    void handle(Snapshot snapshot, Estimates estimates, HeaderSource headers);
  }

  /** Hands out message headers with fresh sequence numbers. */
  @FunctionalInterface
  public interface HeaderSource {
    HeaderFields next(Snapshot at);
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
  }

  public void addListener(Consumer<LiveState> listener) {
    listeners.add(listener);
  }

  public void addHandler(RecordHandler handler) {
    handlers.add(handler);
  }

  /** Runs one acquisition cycle; a frame is written when the frame span is full. */
  public void tick() {
    Snapshot snapshot = source.acquire();
    Estimates estimates = estimator.update(snapshot);
    pending.add(snapshot);
    long covered = snapshot.monotonicNanos() - pending.get(0).monotonicNanos() + samplePeriodNanos;
    if (covered >= frameSpanNanos) {
      writeFrame(estimates);
    }
    for (EnergyPeriod period : estimates.closedPeriods()) {
      HeaderFields header = header(snapshot);
      outbox.append(StreamKind.ENERGY, header.sequence(), EnergyRecordCodec.encode(period, header));
    }
    for (AlarmEvent event : estimates.alarmEvents()) {
      HeaderFields at = header(snapshot);
      HeaderFields header = new HeaderFields(at.locomotiveId(), at.bootId(), at.sequence(), event.utc(), at.clock());
      outbox.append(StreamKind.ALARM, header.sequence(), AlarmCodec.encode(event, header));
    }
    for (RecordHandler handler : handlers) {
      handler.handle(snapshot, estimates, this::header);
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

  /** Frames written since start. */
  public long framesWritten() {
    return framesWritten;
  }

  private void writeFrame(Estimates estimates) {
    Snapshot first = pending.get(0);
    HeaderFields header = header(first);
    byte[] bytes = TelemetryFrameEncoder.encode(header, pending, estimates).toByteArray();
    pending.clear();
    outbox.append(StreamKind.TELEMETRY, header.sequence(), bytes);
    framesWritten++;
  }

  private HeaderFields header(Snapshot at) {
    return new HeaderFields(locomotiveId, bootId, outbox.nextSequence(), at.utc(), at.clock());
  }
}
