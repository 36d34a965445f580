package io.locolink.gateway.journal;

import io.locolink.gateway.config.JournalConfig;
import io.locolink.gateway.framing.StreamKind;
import io.locolink.gateway.storage.FileIo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable store-and-forward: every record is appended here before it is sent and leaves only when
 * the broker acknowledged it. One lane of segment files per {@link StreamKind}; an acknowledgement
 * cursor and a sequence floor beside them.
 *
 * <p>Threading: all methods are thread-safe. {@link #append} blocks until the record is stored
 * per the sync policy: every record is written to the file (handed to the operating system, so a
 * crash of this process loses nothing appended); precious kinds are also synced to the device
 * before it returns, others within the telemetry window by the journal's own "journal-sync"
 * thread unless the broker acknowledged them first (a power cut may lose that window of records
 * the ground does not have; records it has may be lost from the device too, never sent again with
 * other content: their sequences stay reserved). Append listeners run on the
 * appending thread and must not block.
 *
 * <p>With a volatile directory ({@link JournalConfig#volatileDir()}, in memory) telemetry segments
 * start there and a copy of the cursor is kept there: telemetry the broker acknowledges within its
 * window never reaches the SD card, and a segment holding a record that is still unacknowledged
 * at its window's end (or at {@link #sync()}) is moved to the card first and synced there.
 */
public final class Journal implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
  /** Largest encode buffer kept for the next append; a rare larger record gets a buffer of its own. */
  private static final int MAX_KEPT_ENCODE_BYTES = 64 << 10;

  /**
   * The kinds the journal stores, one lane each. Status is not among them: it is a retained
   * snapshot the uplink rebuilds at every connect, never a record to keep and resend.
   */
  public static final Set<StreamKind> LANES =
      Collections.unmodifiableSet(EnumSet.of(StreamKind.TELEMETRY, StreamKind.ENERGY, StreamKind.ALARM, StreamKind.TRIP));

  private final Path dir;
  private final JournalConfig cfg;
  private final InstantSource clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<StreamKind, Lane> lanes;
  private final CursorStore cursor;
  /** The cursor's copy in the volatile directory, or null. */
  private final CursorStore memoryCursor;
  private final SequenceFloor sequences;
  private final RecoveryReport recovery;
  private final JournalSync syncer;
  private final List<Runnable> appendListeners = new CopyOnWriteArrayList<>();
  private final DailyCounter written;
  private final SizeLimit limit;
  private final FileIo io;
  /** Highest sequence found on disk at open (segments before deleting acknowledged ones, cursor). */
  private final long highestAtOpen;
  /** Guarded by {@code lock}. */
  private boolean closed;
  /** The record being appended, encoded; reused (grown when needed). Guarded by {@code lock}. */
  private ByteBuffer encoded = ByteBuffer.allocateDirect(4096);
  /** Guarded by {@code lock}. */
  private BootHandover handover;
  private volatile boolean sequenceIssued;
  /** Highest sequence appended by this run; 0 when none. Written holding {@code lock}. */
  private volatile long lastAppended;
  /**
   * Per {@link StreamKind#ordinal()}: the highest sequence held at open or appended since, so a
   * reader can see without the lock whether a lane has anything new. Written holding {@code lock}.
   */
  private final AtomicLongArray newestByKind = new AtomicLongArray(StreamKind.values().length);

  private Journal(Path dir, JournalConfig cfg, InstantSource clock, FileIo io, Map<StreamKind, Lane> lanes,
      CursorStore cursor, CursorStore memoryCursor, SequenceFloor sequences, RecoveryReport recovery,
      long highestAtOpen, ScheduledExecutorService syncScheduler) {
    this.dir = dir;
    this.io = io;
    this.highestAtOpen = highestAtOpen;
    this.cfg = cfg;
    this.clock = clock;
    this.lanes = lanes;
    this.limit = new SizeLimit(lanes.values().toArray(Lane[]::new), cfg.maxBytes());
    this.cursor = cursor;
    this.memoryCursor = memoryCursor;
    this.sequences = sequences;
    this.recovery = recovery;
    this.written = new DailyCounter(clock);
    this.syncer = new JournalSync(dir, cfg, clock, lock, lanes, cursor, memoryCursor, limit, written, () -> closed,
        syncScheduler);
    lanes.forEach((kind, lane) -> newestByKind.set(kind.ordinal(), lane.lastSequence()));
  }

  /**
   * Opens (or creates) the journal in {@code dir}: scans every segment, cuts torn tails, skips
   * damaged records, restores acknowledgements and the sequence. Never fails because of damaged
   * content; damage is logged and reported in {@link #recovery()}.
   *
   * @throws JournalStorageException if the directory cannot be created, listed or written
   */
  public static Journal open(Path dir, JournalConfig cfg, InstantSource clock) throws JournalStorageException {
    return open(dir, cfg, clock, FileIo.SYSTEM);
  }

  /**
   * {@link #open(Path, JournalConfig, InstantSource)} with every file operation going through {@code io}.
   *
   * @throws JournalStorageException if the directory cannot be created, listed or written
   */
  public static Journal open(Path dir, JournalConfig cfg, InstantSource clock, FileIo io)
      throws JournalStorageException {
    return open(dir, cfg, clock, io, null);
  }

  /**
   * {@link #open(Path, JournalConfig, InstantSource, FileIo)} with the periodic sync run by
   * {@code syncScheduler}, shared by many journals in one process (fleet mode) and not shut down
   * by {@link #close()}; null for the journal's own thread.
   *
   * @throws JournalStorageException if the directory cannot be created, listed or written
   */
  public static Journal open(Path dir, JournalConfig cfg, InstantSource clock, FileIo io,
      ScheduledExecutorService syncScheduler) throws JournalStorageException {
    try {
      io.createDirectories(dir);
      Path memory = usableVolatileDir(io, cfg.volatileDir(), dir);
      RecoveryReport.Builder report = new RecoveryReport.Builder();
      Map<StreamKind, Lane> lanes = new EnumMap<>(StreamKind.class);
      for (StreamKind kind : LANES) {
        String name = kind.name().toLowerCase(Locale.ROOT);
        // any length that fits in its file is accepted: a lower maxRecordBytes must not turn old records into damage
        lanes.put(kind, Lane.open(io, kind, dir.resolve(name),
            memory != null && !kind.precious() ? memory.resolve(name) : null, Integer.MAX_VALUE, report));
      }
      CursorStore cursor = new CursorStore(io, dir);
      CursorStore memoryCursor = memory != null ? new CursorStore(io, memory) : null;
      // either cursor's acknowledgements hold (sequences never repeat); lost only if neither is there
      boolean inMemory = memoryCursor != null && memoryCursor.present();
      long highest = cursor.restore(lanes, inMemory ? new RecoveryReport.Builder() : report);
      if (inMemory) {
        highest = Math.max(highest, memoryCursor.restore(lanes, report));
      }
      for (Lane lane : lanes.values()) {
        highest = Math.max(highest, lane.lastSequence());
        lane.deleteAcknowledgedSegments();
      }
      SequenceFloor sequences = SequenceFloor.open(io, dir.resolve("sequence"), highest, report);
      RecoveryReport rec = report.build();
      if (rec.clean()) {
        LOG.info("journal {} opened: {} records, next sequence {}", dir, rec.records(), sequences.peek());
      } else {
        LOG.warn("journal {} opened with damage: {} records kept, {} damaged regions ({} bytes) skipped, "
            + "{} torn tails ({} bytes) cut, next sequence {}", dir, rec.records(), rec.damagedRegions(),
            rec.damagedBytes(), rec.tornTails(), rec.tornTailBytes(), sequences.peek());
      }
      Journal journal = new Journal(dir, cfg, clock, io, lanes, cursor, memoryCursor, sequences, rec, highest,
          syncScheduler);
      journal.syncer.start();
      return journal;
    } catch (IOException e) {
      throw new JournalStorageException("cannot open journal in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * The volatile directory, created if missing, or null when none is configured or it cannot be
   * created (a gateway started by hand, outside the unit that makes its runtime directory): the
   * telemetry lane then stays on the card, as with no volatile directory, and a warning says so.
   */
  private static Path usableVolatileDir(FileIo io, Path memory, Path dir) {
    if (memory == null) {
      return null;
    }
    try {
      io.createDirectories(memory);
      return memory;
    } catch (IOException e) {
      LOG.warn("journal.volatileDir {} cannot be used ({}); telemetry is journaled in {} on the card instead",
          memory, e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName(), dir);
      return null;
    }
  }

  /**
   * Records {@code bootId} as the run now writing to this journal (durably, before any sequence of
   * it is issued) and says what the previous run left: its boot id and the highest sequence it
   * appended. Called once, before {@link #nextSequence()}; later calls return the first answer.
   *
   * @throws JournalStorageException if the boot record cannot be written
   * @throws IllegalStateException if a sequence was already issued by this run
   */
  public BootHandover beginBoot(long bootId) throws JournalStorageException {
    lock.lock();
    try {
      if (handover != null) {
        return handover;
      }
      long first = sequences.peek();
      if (sequenceIssued) {
        throw new IllegalStateException("beginBoot must precede nextSequence");
      }
      Path file = dir.resolve("boot");
      Optional<BootRecord.Entry> previous = BootRecord.read(io, file);
      written.add(BootRecord.write(io, file, new BootRecord.Entry(bootId, first)));
      long previousLast = previous.isPresent() && highestAtOpen >= previous.get().firstSequence() ? highestAtOpen : 0;
      handover = new BootHandover(previous.map(BootRecord.Entry::bootId).orElse(0L), previousLast, first);
      LOG.info("journal {}: boot {} starts at sequence {}; previous boot {} appended up to {}", dir,
          Long.toHexString(bootId), first, Long.toHexString(handover.previousBootId()), previousLast);
      return handover;
    } catch (java.io.IOException e) {
      throw new JournalStorageException("cannot write the boot record in " + dir + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Hands out the next sequence number: strictly increasing for the life of the journal directory,
   * across restarts (after a restart it may jump ahead; it never repeats).
   *
   * @throws JournalStorageException if the sequence floor file cannot be written
   */
  public long nextSequence() throws JournalStorageException {
    try {
      sequenceIssued = true;
      return sequences.next(written::add);
    } catch (IOException e) {
      throw new JournalStorageException("cannot persist the sequence floor in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Stores one record. Blocks until it is written to the file (survives a crash of this process);
   * for precious kinds until it is also synced to the device (survives a power cut).
   *
   * @param sequence from {@link #nextSequence()}; must be above every sequence already appended to
   *     this kind
   * @param payload the encoded message; the journal may keep a reference until it is sent, so the
   *     caller must not modify it afterwards
   * @throws JournalFullException if the limit is reached and no telemetry is left to evict (the
   *     record is counted as dropped)
   * @throws JournalStorageException if writing or syncing failed
   * @throws IllegalArgumentException if the sequence is out of order, the payload too large or the
   *     kind not one of {@link #LANES}
   * @throws IllegalStateException if the journal is closed
   */
  public void append(StreamKind kind, long sequence, byte[] payload) throws JournalException {
    if (!LANES.contains(kind)) {
      throw new IllegalArgumentException("the journal keeps no " + kind + " records");
    }
    if (payload.length > cfg.maxRecordBytes()) {
      throw new IllegalArgumentException("payload of " + payload.length + " bytes exceeds journal.maxRecordBytes "
          + cfg.maxRecordBytes());
    }
    long nowMs = clock.millis();
    Optional<Segment> toSync;
    int toSyncRecords = 0;
    lock.lock();
    try {
      ensureOpen();
      Lane lane = lanes.get(kind);
      if (sequence <= lane.lastSequence() || sequence > sequences.lastIssued()) {
        throw new IllegalArgumentException("sequence " + sequence + " for " + kind + " is not above the last appended ("
            + lane.lastSequence() + ") or was not issued by nextSequence() (last issued " + sequences.lastIssued() + ")");
      }
      ByteBuffer record = RecordCodec.encode(kind, sequence, nowMs, payload, encoded);
      if (record.capacity() <= MAX_KEPT_ENCODE_BYTES) {
        encoded = record;
      }
      limit.makeRoom(kind, record.remaining());
      writeRecord(lane, record, payload, sequence, nowMs);
      lastAppended = Math.max(lastAppended, sequence);
      newestByKind.set(kind.ordinal(), sequence);
      toSync = kind.precious() ? lane.active() : Optional.empty();
      toSyncRecords = toSync.map(Segment::count).orElse(0);
    } finally {
      lock.unlock();
    }
    if (toSync.isPresent()) {
      try {
        toSync.get().force();
        lock.lock();
        try {
          toSync.get().markSynced(toSyncRecords);
        } finally {
          lock.unlock();
        }
      } catch (ClosedChannelException alreadySyncedAndClosed) {
        // the segment was rolled (synced at roll) or fully acknowledged and deleted meanwhile
      } catch (IOException e) {
        throw new JournalStorageException("cannot sync journal segment for " + kind + ": " + e.getMessage(), e);
      }
    }
    for (Runnable listener : appendListeners) {
      listener.run();
    }
  }

  private void writeRecord(Lane lane, ByteBuffer record, byte[] payload, long sequence, long nowMs)
      throws JournalStorageException {
    int bytes = record.remaining();
    try {
      lane.append(record, payload, sequence, nowMs, cfg.segmentBytes());
    } catch (IOException first) {
      // Perhaps the device is full below our own limit: free the oldest telemetry and try once more.
      try {
        if (!limit.evictOldestTelemetry()) {
          throw first;
        }
        record.rewind();
        lane.append(record, payload, sequence, nowMs, cfg.segmentBytes());
      } catch (IOException e) {
        throw new JournalStorageException("cannot write journal record " + sequence + " (" + lane.kind() + "): "
            + e.getMessage(), e);
      }
    }
    written.add(bytes);
  }

  /**
   * The oldest unacknowledged record of {@code kind} with a sequence in {@code (afterSequence,
   * upToSequence]}.
   *
   * @throws JournalStorageException if the segment cannot be read
   */
  public Optional<JournalRecord> next(StreamKind kind, long afterSequence, long upToSequence)
      throws JournalStorageException {
    List<JournalRecord> one = next(kind, afterSequence, upToSequence, 1);
    return one.isEmpty() ? Optional.empty() : Optional.of(one.getFirst());
  }

  /**
   * Up to {@code maxRecords} unacknowledged records of {@code kind} with a sequence in {@code
   * (afterSequence, upToSequence]}, oldest first, read under one lock.
   *
   * @throws JournalStorageException if a segment cannot be read
   */
  public List<JournalRecord> next(StreamKind kind, long afterSequence, long upToSequence, int maxRecords)
      throws JournalStorageException {
    List<JournalRecord> out = new ArrayList<>(Math.min(maxRecords, 64));
    lock.lock();
    try {
      ensureOpen();
      lanes.get(kind).next(afterSequence, upToSequence, maxRecords, out);
      return out;
    } catch (IOException e) {
      throw new JournalStorageException("cannot read journal " + kind + " after " + afterSequence + ": "
          + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Removes a record once the broker acknowledged it. Unknown or already acknowledged sequences
   * (e.g. evicted meanwhile) are ignored. Persisted by the next periodic sync; after a crash
   * before that, the record is sent again (a detectable duplicate).
   */
  public void acknowledge(StreamKind kind, long sequence) {
    lock.lock();
    try {
      if (!closed && lanes.get(kind).acknowledge(sequence)) {
        syncer.markCursorDirty();
      }
    } finally {
      lock.unlock();
    }
  }

  /** {@link #acknowledge(StreamKind, long)} for many records under one lock. */
  public void acknowledgeAll(List<JournalRecord> records) {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      for (JournalRecord r : records) {
        if (lanes.get(r.kind()).acknowledge(r.sequence())) {
          syncer.markCursorDirty();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Highest sequence appended by this run (since open), any stream; 0 when none. Thread-safe, never blocks. */
  public long lastSequenceAppended() {
    return lastAppended;
  }

  /**
   * The highest sequence of {@code kind} held when the journal was opened or appended since (it
   * may have been acknowledged or evicted meanwhile); 0 when none. Thread-safe, never blocks: a
   * sender polls it to skip a lane with nothing new without taking the journal's lock.
   */
  public long newestSequence(StreamKind kind) {
    return newestByKind.get(kind.ordinal());
  }

  /** Highest sequence currently held for {@code kind}; 0 when it holds nothing. */
  public long lastSequence(StreamKind kind) {
    lock.lock();
    try {
      return lanes.get(kind).lastSequence();
    } finally {
      lock.unlock();
    }
  }

  /** Registers a callback run (on the appending thread, after the record is stored) for every append. */
  public void addAppendListener(Runnable listener) {
    appendListeners.add(listener);
  }

  /**
   * Registers a callback run on the syncing thread after every sync that synced records: each
   * explicit {@link #sync()}, and each periodic tick that found records the broker had not
   * acknowledged within their window (with {@code syncAcknowledged}, every tick). Other files
   * whose content the ground may lack (the trip log) sync with it: one sync point for all.
   * Listeners must not block for long; a listener that throws is logged and the others still run.
   */
  public void addSyncListener(Runnable listener) {
    syncer.addSyncListener(listener);
  }

  /**
   * True when the ground lacks a record older than the telemetry sync window: one appended that
   * long ago is still unacknowledged (an outage or a slow link). Other files holding copies of
   * recent records (the trip log) then sync them themselves, since the journal's copy is not yet
   * on the ground. Thread-safe.
   */
  public boolean groundBehind() {
    lock.lock();
    try {
      long before = clock.millis() - cfg.telemetrySyncWindowMs();
      for (Lane lane : lanes.values()) {
        OptionalLong at = lane.oldestPendingAtMs();
        if (at.isPresent() && at.getAsLong() <= before) {
          return true;
        }
      }
      return false;
    } finally {
      lock.unlock();
    }
  }

  /** The directory the journal lives in. */
  public Path directory() {
    return dir;
  }

  /** What was found and repaired when the journal was opened. */
  public RecoveryReport recovery() {
    return recovery;
  }

  /** Current counters. */
  public JournalStats stats() {
    lock.lock();
    try {
      long depth = 0;
      long bytes = 0;
      long oldestMs = Long.MAX_VALUE;
      for (Lane lane : lanes.values()) {
        depth += lane.pendingRecords();
        bytes += lane.sizeBytes();
        OptionalLong at = lane.oldestPendingAtMs();
        if (at.isPresent()) {
          oldestMs = Math.min(oldestMs, at.getAsLong());
        }
      }
      Duration age = oldestMs == Long.MAX_VALUE ? Duration.ZERO
          : Duration.ofMillis(Math.max(0, clock.millis() - oldestMs));
      return new JournalStats(depth, age, limit.droppedTelemetry(), limit.droppedOther(), bytes, written.today(), recovery);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Syncs every written record and the acknowledgement cursor now (a segment in the volatile
   * directory that holds an unacknowledged record is moved to the card first), and deletes fully
   * acknowledged segments. A periodic tick runs by itself (see {@link JournalConfig#syncAcknowledged()}): it
   * syncs the records whose window ends before the next tick and that the broker has not
   * acknowledged, and writes the cursor at most every {@code ackPersistIntervalMs}, unsynced.
   *
   * @throws JournalStorageException if a sync or the cursor write failed
   */
  public void sync() throws JournalStorageException {
    syncer.sync();
  }

  /** Runs one periodic sync tick now, as the journal's own thread does (tests of the sync rule). */
  void syncTick() throws JournalStorageException {
    syncer.tick();
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("journal " + dir + " is closed");
    }
  }

  /** Syncs everything, writes the cursor and closes the files. Blocks until done; idempotent. */
  @Override
  public void close() throws JournalStorageException {
    syncer.stop();
    sync();
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      for (Lane lane : lanes.values()) {
        lane.close();
      }
      cursor.close();
      if (memoryCursor != null) {
        memoryCursor.close();
      }
    } catch (IOException e) {
      throw new JournalStorageException("cannot close journal " + dir + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }
}
