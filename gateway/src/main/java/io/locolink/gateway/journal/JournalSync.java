package io.locolink.gateway.journal;

import io.locolink.gateway.config.JournalConfig;
import io.locolink.gateway.framing.StreamKind;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal's sync side: syncs the segments being written to the device, writes the
 * acknowledgement cursor and deletes fully acknowledged segments, on demand and every telemetry
 * sync window on its own "journal-sync" daemon thread.
 *
 * <p>Threading: {@link #sync()} is thread-safe (one sync at a time); {@link #markCursorDirty()}
 * must be called holding the journal lock, which this class takes around every look at the lanes.
 */
final class JournalSync {

  private static final Logger LOG = LoggerFactory.getLogger(JournalSync.class);

  private final Path dir;
  private final JournalConfig cfg;
  private final InstantSource clock;
  private final ReentrantLock lock;
  private final Map<StreamKind, Lane> lanes;
  private final CursorStore cursor;
  private final SizeLimit limit;
  private final DailyCounter written;
  private final BooleanSupplier closed;
  private final Object syncMonitor = new Object();
  private final ScheduledExecutorService scheduler;
  private final boolean sharedScheduler;
  private volatile ScheduledFuture<?> periodic;
  /** Guarded by {@code lock}. */
  private boolean cursorDirty;
  /** Guarded by {@code lock}; UTC ms. */
  private long cursorWrittenAtMs;

  /**
   * @param closed whether the journal is closed; read holding {@code lock}
   * @param shared runs the periodic sync of many journals in one process (fleet mode) and is not
   *     shut down here; null for the journal's own "journal-sync" thread
   */
  JournalSync(Path dir, JournalConfig cfg, InstantSource clock, ReentrantLock lock, Map<StreamKind, Lane> lanes,
      CursorStore cursor, SizeLimit limit, DailyCounter written, BooleanSupplier closed,
      ScheduledExecutorService shared) {
    this.dir = dir;
    this.cfg = cfg;
    this.clock = clock;
    this.lock = lock;
    this.lanes = lanes;
    this.cursor = cursor;
    this.limit = limit;
    this.written = written;
    this.closed = closed;
    this.sharedScheduler = shared != null;
    this.scheduler = shared != null ? shared : Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "journal-sync");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts the periodic sync, every {@code telemetrySyncWindowMs}. */
  void start() {
    periodic = scheduler.scheduleWithFixedDelay(this::periodicSync, cfg.telemetrySyncWindowMs(), cfg.telemetrySyncWindowMs(),
        TimeUnit.MILLISECONDS);
  }

  /** Notes that an acknowledgement changed the cursor. Caller holds the journal lock. */
  void markCursorDirty() {
    cursorDirty = true;
  }

  /** Syncs everything written and the cursor now (see {@link Journal#sync()}). */
  void sync() throws JournalStorageException {
    synchronized (syncMonitor) {
      syncNow(true);
    }
  }

  /** Stops the periodic sync, waiting up to 10 s for a running one. */
  void stop() {
    if (sharedScheduler) {
      ScheduledFuture<?> p = periodic;
      if (p != null) {
        p.cancel(false);
      }
      synchronized (syncMonitor) {
        // a periodic sync that was running has finished
      }
      return;
    }
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("journal {}: periodic sync still running after 10 s; closing anyway", dir);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void syncNow(boolean writeCursor) throws JournalStorageException {
    List<Segment> active = new ArrayList<>();
    String cursorText = null;
    lock.lock();
    try {
      if (closed.getAsBoolean()) {
        return;
      }
      for (Lane lane : lanes.values()) {
        lane.active().ifPresent(active::add);
      }
      if (cursorDirty && (writeCursor || clock.millis() - cursorWrittenAtMs >= cfg.ackPersistIntervalMs())) {
        cursorText = CursorStore.render(lanes);
        cursorDirty = false;
        cursorWrittenAtMs = clock.millis();
      }
    } finally {
      lock.unlock();
    }
    try {
      for (Segment seg : active) {
        try {
          seg.force();
        } catch (ClosedChannelException deletedMeanwhile) {
          // evicted or fully acknowledged: nothing left to sync
        }
      }
      if (cursorText != null) {
        written.add(cursor.write(cursorText));
      }
    } catch (IOException e) {
      lock.lock();
      cursorDirty = true;
      lock.unlock();
      throw new JournalStorageException("cannot sync journal " + dir + ": " + e.getMessage(), e);
    }
    lock.lock();
    try {
      limit.deleteAcknowledged();
    } finally {
      lock.unlock();
    }
  }

  /**
   * One periodic run. Catches everything: a throwable escaping a fixed-delay task cancels every
   * later run without a word (the scheduler keeps it in a future nobody reads), and the telemetry
   * window would then never be synced again. An {@link Error} is therefore logged and not
   * rethrown: the next window tries again; if the JVM is truly broken (out of memory) it fails
   * elsewhere too, and the next window's log says whether the sync recovered.
   */
  private void periodicSync() {
    try {
      synchronized (syncMonitor) {
        syncNow(false);
      }
    } catch (JournalStorageException e) {
      LOG.error("journal sync failed: {}", e.getMessage());
    } catch (Throwable e) {
      LOG.error("journal sync failed unexpectedly; trying again in {} ms", cfg.telemetrySyncWindowMs(), e);
    }
  }
}
