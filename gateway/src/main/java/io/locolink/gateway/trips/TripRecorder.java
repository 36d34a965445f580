package io.locolink.gateway.trips;

import io.locolink.gateway.acquisition.GnssFix;
import io.locolink.gateway.acquisition.Reading;
import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.config.TripsConfig;
import io.locolink.gateway.estimation.AlarmEvent;
import io.locolink.gateway.estimation.EnergyPeriod;
import io.locolink.gateway.estimation.Estimates;
import io.locolink.gateway.framing.LogRecordCodec;
import io.locolink.gateway.framing.StreamKind;
import io.locolink.gateway.framing.TripSummaryFields;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records trips: detects start and end from the snapshots, writes every frame, energy record and
 * alarm of a trip into its log, and hands back the summary when a trip closes. Its one input is a
 * cycle's {@link CycleRecords} ({@link #onCycle}); an energy record closed outside any cycle (at
 * shutdown) comes through {@link #onEnergy}. Each block of the log ends with a checkpoint summary,
 * so a trip left open by a crash is finished at the next start from its last intact block (see
 * {@link #recoveredTrips()}). The energy archive, which keeps every energy record whether or not a
 * trip runs, is a stage of its own ({@code gateway.archive}).
 *
 * <p>Threading: all {@code on*} methods are synchronized; call them from the acquisition thread.
 * The store may be read from other threads (the depot server).
 */
public final class TripRecorder implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TripRecorder.class);

  private final TripsConfig config;
  private final SummaryHeaders headers;
  private final TripStore store;
  private final TripDetector detector;
  private final List<FinishedTrip> recovered;
  private TripId currentId;
  /** Written holding this object's lock; read without it by {@link #syncLog()}. */
  private volatile TripLogWriter writer;
  /** Null: every block is synced as it is written. */
  private BooleanSupplier groundBehind;
  private TripAccumulator totals;
  private long lastFlushNanos;
  private long lastSnapshotNanos;
  private boolean frameCapWarned;

  private TripRecorder(TripsConfig config, SummaryHeaders headers, TripStore store, List<FinishedTrip> recovered) {
    this.config = config;
    this.headers = headers;
    this.store = store;
    this.recovered = recovered;
    this.detector = new TripDetector(config.idleGap(), config.keyOffGrace(), config.movingSpeedKmh());
  }

  /**
   * Opens the trip store (under {@code config.directory()}, else under {@code stateDir}) and
   * finishes any trip an earlier run left open. Blocks for the recovery's file I/O.
   *
   * @param stateDir the gateway's state directory (root config key {@code stateDir})
   * @param headers supplies the header of each final summary
   * @throws java.io.UncheckedIOException if the store cannot be opened
   */
  public static TripRecorder open(TripsConfig config, Path stateDir, SummaryHeaders headers) {
    TripStore store = TripStore.open(config.tripsDirectory(stateDir), config.maxStoreBytes());
    List<FinishedTrip> recovered = new ArrayList<>();
    for (TripId id : store.unfinished()) {
      recoverTrip(store, id, config.blockBytes(), headers).ifPresent(recovered::add);
    }
    return new TripRecorder(config, headers, store, List.copyOf(recovered));
  }

  /**
   * As {@link #open(TripsConfig, Path, SummaryHeaders)} for a configuration with its own directory.
   *
   * @throws IllegalArgumentException if {@code config.directory()} is not set
   */
  public static TripRecorder open(TripsConfig config, SummaryHeaders headers) {
    if (config.directory() == null) {
      throw new IllegalArgumentException("trips.directory is not set; pass the state directory");
    }
    return open(config, Path.of(config.directory()), headers);
  }

  private static Optional<FinishedTrip> recoverTrip(TripStore store, TripId id, int blockBytes, SummaryHeaders headers) {
    // Opening the writer cuts a torn tail; the last intact record is a checkpoint or final summary.
    TripLogWriter recovered = TripLogWriter.open(store.openPath(id), blockBytes, true);
    recovered.close();
    Optional<byte[]> last = TripStore.lastSummary(store.openPath(id));
    if (last.isEmpty()) {
      LOG.warn("trip {} left open with no intact block; discarding it", id);
      try {
        Files.deleteIfExists(store.openPath(id));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot discard empty trip " + id, e);
      }
      return Optional.empty();
    }
    TripSummaryFields checkpoint = TripStore.decodeSummary(last.get());
    TripSummaryFields summary = checkpoint.withHeader(headers.header(checkpoint.start()));
    LOG.info("trip {} left open by an earlier run: finished from its last checkpoint", id);
    return Optional.of(new FinishedTrip(store.finish(id, summary, recovered.sha256Hex()), summary));
  }

  /**
   * Syncs the log's blocks only when the ground may lack their records: at a block's write only
   * while {@code groundBehind} says so (an outage), and whenever {@link #syncLog()} is called (the
   * journal's sync, when it syncs records the broker has not acknowledged in their window). A
   * block whose records the ground already has is held in memory until {@link
   * TripLogWriter#HOLD_GROUP_BYTES} of log wait or the oldest have waited {@link
   * TripLogWriter#HOLD_AT_MOST}, and then only the log's whole pages are written, left to the page
   * cache (the rest waits for its page to fill, see {@link TripLogWriter#flushWholePages(long)}), so
   * a connected gateway hardly syncs its trip log, writes each page of it once and its pages a
   * group at a time; a crash may then lose the held part (up to {@link TripLogWriter#HOLD_AT_MOST}
   * and a flush interval of log) and a power cut that and up to the kernel's writeback delay of the
   * log, records the ground has. At a trip's end and at {@link #close()} everything is written and
   * synced. Without this call every block is written and synced at its flush. Call before the first
   * cycle.
   */
  public synchronized void syncOnlyWhen(BooleanSupplier groundBehind) {
    this.groundBehind = groundBehind;
  }

  /**
   * Syncs the running trip's blocks written so far to the device. Thread-safe and short: callable
   * from another thread (the journal's sync) while cycles are logged.
   */
  public void syncLog() {
    TripLogWriter w = writer;
    if (w != null) {
      w.force();
    }
  }

  /** Trips that an earlier run left open and that were finished at start-up; publish them. */
  public List<FinishedTrip> recoveredTrips() {
    return recovered;
  }

  /**
   * Folds in one cycle's snapshot and estimates: may start or end a trip, and writes a partly
   * filled block once the flush interval has passed.
   *
   * @return the finished trip when this snapshot ended one
   */
  private Optional<FinishedTrip> onSnapshot(Snapshot snapshot, Estimates estimates) {
    lastSnapshotNanos = snapshot.monotonicNanos();
    TripDetector.Transition t = detector.update(snapshot.monotonicNanos(), snapshot.motion().keyOn(), speedKmh(snapshot));
    switch (t) {
      case START -> begin(snapshot, estimates);
      case END -> {
        totals.add(snapshot, estimates);
        return Optional.of(finish());
      }
      case NONE -> {
        if (totals != null) {
          totals.add(snapshot, estimates);
        }
      }
    }
    if (writer != null && writer.pendingBytes() > 0
        && snapshot.monotonicNanos() - lastFlushNanos >= config.flushInterval().toNanos()) {
      flush();
    }
    return Optional.empty();
  }

  /**
   * Folds in one acquisition cycle, its only input: the cycle's energy records, alarms and frame go
   * into the running trip's log as they were encoded; then the snapshot may start or end a trip. The messages of the cycle that starts a
   * trip belong to no trip; those of the cycle that ends one are its last.
   *
   * @return the finished trip when this cycle ended one
   */
  public synchronized Optional<FinishedTrip> onCycle(CycleRecords cycle) {
    for (CycleRecords.Encoded<EnergyPeriod> e : cycle.energy()) {
      onEnergy(e);
    }
    for (CycleRecords.Encoded<AlarmEvent> a : cycle.alarms()) {
      if (writer != null) {
        totals.countAlarms(raisedCount(a.value()));
        append(LogRecordCodec.wrap(StreamKind.ALARM, a.bytes()));
      }
    }
    for (byte[] bytes : cycle.frames()) {
      if (frameAccepted()) {
        append(LogRecordCodec.wrap(StreamKind.TELEMETRY, bytes));
      }
    }
    return onSnapshot(cycle.snapshot(), cycle.estimates());
  }

  /**
   * Logs an energy record in the running trip, if one runs: for the cycles' records and for the
   * period a shutdown closes outside any cycle.
   */
  public synchronized void onEnergy(CycleRecords.Encoded<EnergyPeriod> energyRecord) {
    if (writer != null) {
      totals.addCo2Avoided(energyRecord.value().co2AvoidedG());
      append(LogRecordCodec.wrap(StreamKind.ENERGY, energyRecord.bytes()));
    }
  }

  private static long raisedCount(AlarmEvent event) {
    return switch (event.kind()) {
      case RAISED -> 1;
      case STORM_SUMMARY -> event.suppressed();
      case CLEARED -> 0;
    };
  }

  private boolean frameAccepted() {
    if (writer == null) {
      return false;
    }
    if (writer.sizeBytes() + writer.pendingBytes() >= config.maxTripBytes()) {
      if (!frameCapWarned) {
        LOG.warn("trip {} reached trips.maxTripBytes ({}): frames are no longer logged for it", currentId,
            config.maxTripBytes());
        frameCapWarned = true;
      }
      return false;
    }
    totals.countFrame();
    return true;
  }

  /** The trip in progress. */
  public synchronized Optional<TripId> currentTrip() {
    return Optional.ofNullable(currentId);
  }

  /** Ends the trip in progress now (e.g. on an orderly shutdown). */
  public synchronized Optional<FinishedTrip> finishNow() {
    if (writer == null) {
      return Optional.empty();
    }
    detector.endTrip();
    return Optional.of(finish());
  }

  public TripStore store() {
    return store;
  }

  /**
   * Writes what is buffered (with a checkpoint) and closes the log without finishing the trip; the
   * next {@link #open} finishes it from that checkpoint.
   */
  @Override
  public synchronized void close() {
    if (writer != null) {
      flush();
      writer.close();
      writer = null;
    }
  }

  private void begin(Snapshot snapshot, Estimates estimates) {
    TripId id = TripId.of(snapshot.utc(), (int) (snapshot.monotonicNanos() >>> 20));
    for (int i = 1; Files.exists(store.openPath(id)) || store.find(id.value()).isPresent(); i++) {
      id = TripId.of(snapshot.utc(), (int) (snapshot.monotonicNanos() >>> 20) + i);
    }
    currentId = id;
    writer = TripLogWriter.open(store.openPath(id), config.blockBytes(), groundBehind == null);
    totals = new TripAccumulator(snapshot, estimates);
    lastFlushNanos = snapshot.monotonicNanos();
    frameCapWarned = false;
    LOG.info("trip {} started", id);
  }

  private void append(byte[] record) {
    writer.append(record);
    if (writer.pendingBytes() >= config.blockBytes()) {
      flush();
    }
  }

  private void flush() {
    writer.append(LogRecordCodec.wrap(totals.totals().summary(currentId, Optional.empty())));
    if (groundBehind == null) {
      writer.flushBlock();
    } else if (groundBehind.getAsBoolean()) {
      writer.flushBlock();
      writer.force();
    } else {
      writer.flushWholePages(lastSnapshotNanos);
    }
    lastFlushNanos = lastSnapshotNanos;
    store.enforceBudget(writer.sizeBytes());
  }

  private FinishedTrip finish() {
    TripTotals result = totals.totals();
    TripSummaryFields summary = result.summary(currentId, Optional.of(headers.header(result.start())));
    writer.append(LogRecordCodec.wrap(summary));
    writer.close();
    TripInfo info = store.finish(currentId, summary, writer.sha256Hex());
    LOG.info("trip {} finished: {} s, {} m, {} Wh", currentId, result.duration().toSeconds(),
        Math.round(result.distanceM()), Math.round(result.consumedWh()));
    writer = null;
    totals = null;
    currentId = null;
    return new FinishedTrip(info, summary);
  }

  private static double speedKmh(Snapshot s) {
    Reading wheel = s.motion().wheelSpeedKmh();
    if (wheel.isGood()) {
      return wheel.value();
    }
    return s.motion().fix().map(GnssFix::speedKmh).orElse(0.0);
  }
}
