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
import java.util.Optional;
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
 * acknowledgement cursor and deletes fully acknowledged segments, on demand and periodically on
 * its own "journal-sync" daemon thread. The periodic rule: a telemetry record is synced within its
 * window only if the broker has not acknowledged it by then (see {@link Segment#dueAtTick()}); a
 * record the ground already has needs no sync, and the page cache writes it out later with its
 * neighbours. With {@code syncAcknowledged} every window's records are synced regardless. With a
 * volatile directory, a segment in memory that holds such a record is moved to the card first,
 * under the journal's lock (a copy of at most one segment, once per outage).
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
  /** The cursor's copy in the volatile directory, or null: written for every change, the card's only for records on the card. */
  private final CursorStore memoryCursor;
  private final SizeLimit limit;
  private final DailyCounter written;
  private final BooleanSupplier closed;
  private final Object syncMonitor = new Object();
  private final ScheduledExecutorService scheduler;
  private final boolean sharedScheduler;
  private volatile ScheduledFuture<?> periodic;
  private final List<Runnable> syncListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** Guarded by {@code lock}. */
  private boolean cursorDirty;
  /** Guarded by {@code lock}; UTC ms. */
  private long cursorWrittenAtMs;
  /** A record on the card was acknowledged since the card's cursor was written; only with {@code memoryCursor}. Guarded by {@code lock}. */
  private boolean cardCursorDirty;
  /** Guarded by {@code lock}; UTC ms. */
  private long cardCursorWrittenAtMs;

  /**
   * @param memoryCursor the cursor's copy in the volatile directory, or null
   * @param closed whether the journal is closed; read holding {@code lock}
   * @param shared runs the periodic sync of many journals in one process (fleet mode) and is not
   *     shut down here; null for the journal's own "journal-sync" thread
   */
  JournalSync(Path dir, JournalConfig cfg, InstantSource clock, ReentrantLock lock, Map<StreamKind, Lane> lanes,
      CursorStore cursor, CursorStore memoryCursor, SizeLimit limit, DailyCounter written, BooleanSupplier closed,
      ScheduledExecutorService shared) {
    this.dir = dir;
    this.cfg = cfg;
    this.clock = clock;
    this.lock = lock;
    this.lanes = lanes;
    this.cursor = cursor;
    this.memoryCursor = memoryCursor;
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

  /**
   * Starts the periodic sync: every {@code telemetrySyncWindowMs} with {@code syncAcknowledged},
   * else a tick every half window (see {@link Segment#dueAtTick()}): a record appended before the
   * previous tick and still neither synced nor acknowledged is synced now, within its window.
   */
  void start() {
    long periodMs = tickMs(cfg);
    periodic = scheduler.scheduleWithFixedDelay(this::periodicSync, periodMs, periodMs, TimeUnit.MILLISECONDS);
  }

  /** The periodic sync's period for {@code cfg}, milliseconds. */
  static long tickMs(JournalConfig cfg) {
    return cfg.syncAcknowledged() ? cfg.telemetrySyncWindowMs() : Math.max(5, cfg.telemetrySyncWindowMs() / 2);
  }

  /** See {@link Journal#addSyncListener(Runnable)}. */
  void addSyncListener(Runnable listener) {
    syncListeners.add(listener);
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

  /** A segment to sync and how many of its records were written when that was decided. */
  private record Due(Segment segment, int records) {}

  /** Runs one periodic tick now, as the "journal-sync" thread does (tests). */
  void tick() throws JournalStorageException {
    synchronized (syncMonitor) {
      syncNow(false);
    }
  }

  /**
   * Syncs the segments being written and writes the cursor if due. {@code explicit}: every
   * segment (an in-memory one holding a record the broker has not acknowledged is moved to the card
   * first), the cursor whenever it changed, and the cursor synced; else (a periodic tick) only the
   * segments the sync rule names (an in-memory one is moved to the card then) and the cursor at
   * most every {@code ackPersistIntervalMs}, handed to the operating system but synced only with
   * {@code syncAcknowledged}. With a memory cursor, the card's cursor is written only when a record
   * on the card was acknowledged.
   */
  private void syncNow(boolean explicit) throws JournalStorageException {
    List<Due> toForce = new ArrayList<>();
    String cardText = null;
    String memoryText = null;
    lock.lock();
    try {
      if (closed.getAsBoolean()) {
        return;
      }
      for (Lane lane : lanes.values()) {
        for (Segment seg : lane.inMemory()) {
          boolean due = seg.dueAtTick();
          if (explicit ? seg.unackedCount() > 0 : cfg.syncAcknowledged() || due) {
            lane.moveToCard(seg);
            toForce.add(new Due(seg, seg.count()));
          }
        }
        Optional<Segment> seg = lane.active();
        if (seg.isPresent() && !seg.get().inMemory() && toForce.stream().noneMatch(d -> d.segment() == seg.get())
            && (explicit || cfg.syncAcknowledged() || seg.get().dueAtTick())) {
          toForce.add(new Due(seg.get(), seg.get().count()));
        }
        cardCursorDirty |= lane.takeCardAcknowledged();
        lane.backToMemoryWhenCaughtUp();
      }
      long now = clock.millis();
      boolean cardDue;
      boolean memoryDue = false;
      if (memoryCursor == null) {
        cardDue = cursorDirty && (explicit || now - cursorWrittenAtMs >= cfg.ackPersistIntervalMs());
      } else {
        memoryDue = cursorDirty && (explicit || now - cursorWrittenAtMs >= cfg.ackPersistIntervalMs());
        cardDue = cardCursorDirty && (explicit || now - cardCursorWrittenAtMs >= cfg.ackPersistIntervalMs());
      }
      String text = cardDue || memoryDue ? CursorStore.render(lanes) : null;
      if (memoryDue) {
        memoryText = text;
        cursorDirty = false;
        cursorWrittenAtMs = now;
      }
      if (cardDue) {
        cardText = text;
        if (memoryCursor == null) {
          cursorDirty = false;
          cursorWrittenAtMs = now;
        } else {
          cardCursorDirty = false;
          cardCursorWrittenAtMs = now;
        }
      }
    } catch (IOException e) {
      throw new JournalStorageException("cannot move a journal segment to " + dir + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
    try {
      List<Due> forced = new ArrayList<>();
      for (Due due : toForce) {
        try {
          due.segment().force();
          forced.add(due);
        } catch (ClosedChannelException deletedMeanwhile) {
          // evicted or fully acknowledged: nothing left to sync
        }
      }
      if (cardText != null) {
        written.add(cursor.write(cardText, explicit || cfg.syncAcknowledged()));
      } else if (explicit) {
        cursor.force();
      }
      if (memoryText != null) {
        memoryCursor.write(memoryText, false);
      }
      lock.lock();
      try {
        for (Due due : forced) {
          due.segment().markSynced(due.records());
        }
      } finally {
        lock.unlock();
      }
      if (!toForce.isEmpty()) {
        for (Runnable listener : syncListeners) {
          try {
            listener.run();
          } catch (RuntimeException e) {
            LOG.error("journal {}: a sync listener failed: {}", dir, e.toString());
          }
        }
      }
    } catch (IOException e) {
      lock.lock();
      cursorDirty = true;
      cardCursorDirty = memoryCursor != null;
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
