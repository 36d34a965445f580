package io.locolink.gateway.trips;

import io.locolink.gateway.framing.LogRecordModel;
import io.locolink.gateway.framing.RecordFraming;
import io.locolink.gateway.storage.FileIo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends records to one trip log. Records are buffered in memory and written when the buffer
 * reaches the block size or {@link #flushBlock()} is called, as the next flush of a member that
 * continues one compressed stream across flushes: by default an LZMA2 member of records coded by
 * {@link LogRecordModel} (see {@link Lzma2Members}), or a streamed deflate member as logs were
 * written before (see {@link BlockFormat}); each flush is
 * one positional write and, with {@code sync}, forced to the device, so a power cut loses at most
 * the records not yet flushed. Without {@code sync} the owner forces the flushes when it needs them
 * durable ({@link #force()}); {@link #close()} always does, after finishing the member. Without
 * {@code sync}, {@link #flushWholePages(long)} holds the flushed bytes in memory until a group of
 * {@value #HOLD_GROUP_BYTES} bytes waits or the oldest has waited {@link #HOLD_AT_MOST}, then writes
 * only the file's whole pages and holds the rest back, so that each page of the file is written
 * once rather than the last, partly filled one again at every flush, and the pages a few at a time
 * (on a journalled file system every interval with a write costs a commit of its journal). Opening an existing file first cuts a torn tail and finishes a
 * member a crash left open. Not thread-safe: one writer thread, except {@link #force()}.
 */
public final class TripLogWriter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TripLogWriter.class);
  /** The page cache's unit: a page written whole is dirtied once, a partly filled one at every write. */
  static final int PAGE_BYTES = 4096;
  /**
   * Bytes of log that {@link #flushWholePages(long)} holds in memory before it writes their whole
   * pages: eight pages, written in one go.
   */
  public static final int HOLD_GROUP_BYTES = 32 * 1024;
  /**
   * Longest that {@link #flushWholePages(long)} holds flushed bytes in memory: a crash of the
   * process may lose up to this much log (plus the flush interval before it), records the ground has.
   */
  public static final Duration HOLD_AT_MOST = Duration.ofMinutes(5);

  /** How a log is written; every format is read, and a log may hold members of several. */
  public enum Format {
    /** Every flush a gzip member of its own, compressed alone: logs written before streamed members. */
    DEFLATE_BLOCKS,
    /** One deflate stream continued across the flushes of a member ({@link BlockFormat}): logs of December 2026. */
    DEFLATE_STREAMED,
    /** One LZMA2 stream continued across the flushes of a member, of records coded by {@link LogRecordModel}. */
    LZMA2_MODELLED
  }

  private final FileIo.Handle channel;
  private final BlockFormat format = new BlockFormat();
  private final Lzma2Members lzma = new Lzma2Members(Lzma2Members.MODELLED);
  private final LogRecordModel model = new LogRecordModel();
  private final ByteArrayOutputStream pending;
  private final int blockBytes;
  private final boolean sync;
  private final Format kind;
  private final MessageDigest sha256;
  private long sizeBytes;
  private long records;
  private volatile boolean unforced;
  /** Log bytes not yet written to the file, which ends at {@link #writtenBytes}. Guarded by {@code this}. */
  private final ByteArrayOutputStream held = new ByteArrayOutputStream(2 * PAGE_BYTES);
  /** Guarded by {@code this}. */
  private long writtenBytes;
  /** For each produced chunk still held: its end in the log and when it was produced. Guarded by {@code this}. */
  private final ArrayDeque<long[]> heldSince = new ArrayDeque<>();
  private int holdGroupBytes = HOLD_GROUP_BYTES;
  private long holdAtMostNanos = HOLD_AT_MOST.toNanos();

  private TripLogWriter(FileIo.Handle channel, int blockBytes, boolean sync, Format kind, long sizeBytes,
      long records, MessageDigest sha256) {
    this.channel = channel;
    this.kind = kind;
    this.sha256 = sha256;
    this.blockBytes = blockBytes;
    this.sync = sync;
    this.sizeBytes = sizeBytes;
    this.records = records;
    this.writtenBytes = sizeBytes;
    this.pending = new ByteArrayOutputStream(blockBytes + 1024);
  }

  /**
   * Opens {@code file} for appending in LZMA2 members ({@link Format#LZMA2_MODELLED}), creating it if
   * absent, cutting any torn tail and finishing a member a crash left unfinished.
   *
   * @param blockBytes uncompressed bytes buffered before a flush is forced, and in one member
   * @param sync force every flush to the device; off, the owner calls {@link #force()} (and
   *     benchmarks of the format itself)
   * @throws UncheckedIOException if the file cannot be opened or truncated
   */
  public static TripLogWriter open(Path file, int blockBytes, boolean sync) {
    return open(FileIo.SYSTEM, file, blockBytes, sync, Format.LZMA2_MODELLED);
  }

  /**
   * {@link #open(Path, int, boolean)}, writing new members in {@code format} (benchmarks compare,
   * tests write logs as earlier versions did).
   *
   * @throws UncheckedIOException if the file cannot be opened or truncated
   */
  public static TripLogWriter open(Path file, int blockBytes, boolean sync, Format format) {
    return open(FileIo.SYSTEM, file, blockBytes, sync, format);
  }

  /**
   * {@link #open(Path, int, boolean)} with every file operation going through {@code io}.
   *
   * @throws UncheckedIOException if the file cannot be opened or truncated
   */
  public static TripLogWriter open(FileIo io, Path file, int blockBytes, boolean sync) {
    return open(io, file, blockBytes, sync, Format.LZMA2_MODELLED);
  }

  /**
   * {@link #open(FileIo, Path, int, boolean)}, writing new members in {@code format}.
   *
   * @throws UncheckedIOException if the file cannot be opened or truncated
   */
  public static TripLogWriter open(FileIo io, Path file, int blockBytes, boolean sync, Format format) {
    try {
      FileIo.Handle channel = io.open(file, FileIo.OpenMode.CREATE);
      TripLogReader.Scan found = TripLogReader.scan(channel, payload -> { });
      TripLogReader.ScanResult scan = found.result();
      long size = scan.validBytes();
      if (scan.tornTail()) {
        LOG.warn("trip log {}: cut torn tail of {} bytes after {} intact members", file.getFileName(),
            scan.fileBytes() - scan.validBytes(), scan.blocks());
        channel.truncate(size);
      }
      if (found.unfinishedEnd() != null) {
        // the stream ends at an intact flush: its end (and the trailer) finish the member
        ByteBuffer end = ByteBuffer.wrap(found.unfinishedEnd());
        while (end.hasRemaining()) {
          size += channel.write(end, size);
        }
        LOG.info("trip log {}: finished the member a crash left open", file.getFileName());
      }
      if (scan.tornTail() || found.unfinishedEnd() != null) {
        channel.force();
      }
      MessageDigest digest = newDigest();
      ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
      for (long at = 0; at < size; ) {
        buf.clear();
        int n = channel.read(buf, at);
        buf.flip();
        digest.update(buf);
        at += n;
      }
      return new TripLogWriter(channel, blockBytes, sync, format, size, scan.records(), digest);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open trip log " + file.getFileName(), e);
    }
  }

  /**
   * Sets what {@link #flushWholePages(long)} holds (the defaults {@link #HOLD_GROUP_BYTES} and
   * {@link #HOLD_AT_MOST}); tests use smaller ones.
   */
  synchronized void hold(int groupBytes, Duration atMost) {
    this.holdGroupBytes = groupBytes;
    this.holdAtMostNanos = atMost.toNanos();
  }

  /** Buffers one encoded {@code LogRecord}; writes a block when the buffer is full. */
  public void append(byte[] logRecord) {
    RecordFraming.write(pending, kind == Format.LZMA2_MODELLED ? model.encode(logRecord) : logRecord);
    records++;
    if (pending.size() >= blockBytes) {
      flushBlock();
    }
  }

  /**
   * Writes the buffered records, forced to the device with {@code sync}: the next flush of the
   * streamed member (finishing it once it holds {@code blockBytes}), or a block of their own, and
   * whatever {@link #flushWholePages(long)} held back. No-op when nothing waits.
   */
  public void flushBlock() {
    encodePending(0);
    writeHeld();
  }

  /**
   * As {@link #flushBlock()}, but holds the flushed bytes in memory and writes them only once
   * {@value #HOLD_GROUP_BYTES} bytes wait or the oldest were flushed {@link #HOLD_AT_MOST} before
   * {@code nowNanos}; then only up to the last page boundary of the file (every {@value #PAGE_BYTES}
   * bytes), the rest held until a later write completes its page, unless it too has waited that
   * long. {@link #flushBlock()}, {@link #force()} and {@link #close()} write everything held. For
   * records the ground already has: a crash of this process then loses the held bytes (up to
   * {@link #HOLD_AT_MOST} of compressed log) as well as the pending records. With {@code sync} it
   * is {@link #flushBlock()}.
   *
   * @param nowNanos the caller's monotonic clock, the same at every call
   */
  public void flushWholePages(long nowNanos) {
    encodePending(nowNanos);
    if (sync) {
      writeHeld();
    } else {
      writeGrouped(nowNanos);
    }
  }

  private void encodePending(long nowNanos) {
    if (pending.size() == 0) {
      return;
    }
    byte[] block = switch (kind) {
      case DEFLATE_BLOCKS -> format.encode(pending.toByteArray(), pending.size());
      case DEFLATE_STREAMED -> format.appendToMember(pending.toByteArray(), pending.size(),
          format.memberBytes() + pending.size() >= blockBytes);
      case LZMA2_MODELLED -> lzma.appendToMember(pending.toByteArray(), pending.size(),
          lzma.memberBytes() + pending.size() >= blockBytes);
    };
    if (kind == Format.LZMA2_MODELLED && !lzma.memberOpen()) {
      model.reset(); // the next record starts a member, and the model's sequence with it
    }
    pending.reset();
    produce(block, nowNanos);
  }

  /** Adds {@code bytes} to the log: counted and digested now, written by {@link #writeUpTo}. */
  private void produce(byte[] bytes, long nowNanos) {
    sizeBytes += bytes.length;
    sha256.update(bytes);
    synchronized (this) {
      held.writeBytes(bytes);
      heldSince.addLast(new long[] {writtenBytes + held.size(), nowNanos});
    }
  }

  /** Writes everything held, forced with {@code sync}. */
  private synchronized void writeHeld() {
    writeUpTo(writtenBytes + held.size());
  }

  /** Writes the held bytes' whole pages once a group waits or the oldest are due, and a due rest too. */
  private synchronized void writeGrouped(long nowNanos) {
    if (held.size() < holdGroupBytes && !due(nowNanos)) {
      return;
    }
    long end = writtenBytes + held.size();
    writeUpTo(Math.max(writtenBytes, end / PAGE_BYTES * PAGE_BYTES));
    if (due(nowNanos)) {
      writeUpTo(end);
    }
  }

  /** Whether the oldest held bytes were produced {@link #holdAtMostNanos} or more before {@code nowNanos}. */
  private boolean due(long nowNanos) {
    long[] oldest = heldSince.peekFirst();
    return oldest != null && nowNanos - oldest[1] >= holdAtMostNanos;
  }

  /** Writes the held bytes up to the log's offset {@code upTo}, forced with {@code sync}. */
  private void writeUpTo(long upTo) {
    int count = (int) (upTo - writtenBytes);
    if (count == 0) {
      return;
    }
    byte[] bytes = held.toByteArray();
    try {
      ByteBuffer buf = ByteBuffer.wrap(bytes, 0, count);
      long at = writtenBytes;
      while (buf.hasRemaining()) {
        at += channel.write(buf, at);
      }
      if (sync) {
        channel.force();
      } else {
        unforced = true;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write trip log block", e);
    }
    writtenBytes = upTo;
    held.reset();
    held.write(bytes, count, bytes.length - count);
    while (!heldSince.isEmpty() && heldSince.peekFirst()[0] <= writtenBytes) {
      heldSince.removeFirst();
    }
  }

  /**
   * Writes what {@link #flushWholePages(long)} held back and forces the blocks written so far to the
   * device. Thread-safe: may run on another thread while the writer's thread appends; after
   * {@link #close()} it does nothing.
   *
   * @throws UncheckedIOException if the write or the sync failed
   */
  public void force() {
    writeHeld();
    if (!unforced) {
      return;
    }
    unforced = false;
    try {
      channel.force();
    } catch (java.nio.channels.ClosedChannelException closed) {
      // closed meanwhile: close forced it
    } catch (IOException e) {
      unforced = true;
      throw new UncheckedIOException("cannot sync trip log", e);
    }
  }

  /** Bytes of the log's flushed records, including any that {@link #flushWholePages(long)} holds back. */
  public long sizeBytes() {
    return sizeBytes;
  }

  /** SHA-256 of the log's flushed bytes ({@link #sizeBytes()}), lower-case hex; kept up to date as blocks are flushed. */
  public String sha256Hex() {
    try {
      return HexFormat.of().formatHex(((MessageDigest) sha256.clone()).digest());
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("SHA-256 digest cannot be cloned", e);
    }
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  /** Uncompressed bytes waiting for the next block. */
  public int pendingBytes() {
    return pending.size();
  }

  /** Records written or buffered since the file was created. */
  public long records() {
    return records;
  }

  /** Flushes the pending records, finishes the streamed member, forces everything to the device and closes the file. */
  @Override
  public void close() {
    try {
      encodePending(0);
      byte[] end = kind == Format.LZMA2_MODELLED ? lzma.finishMember() : format.finishMember();
      if (end.length > 0) {
        produce(end, 0);
      }
      writeHeld();
      if (unforced) {
        unforced = false;
        channel.force();
      }
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close trip log", e);
    } finally {
      format.close();
    }
  }
}
