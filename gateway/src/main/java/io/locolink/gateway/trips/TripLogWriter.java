package io.locolink.gateway.trips;

import io.locolink.gateway.framing.RecordFraming;
import io.locolink.gateway.storage.FileIo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends records to one trip log. Records are buffered in memory and written as one compressed
 * block (see {@link BlockFormat}) when the buffer reaches the block size or {@link #flushBlock()}
 * is called; each block is written with one positional write and, with {@code sync}, forced to the
 * device, so a power cut loses at most the records of the unflushed block. Without {@code sync} the
 * owner forces the blocks when it needs them durable ({@link #force()}); {@link #close()} always
 * does. Opening an existing file first cuts a torn
 * tail. Not thread-safe: one writer thread.
 */
public final class TripLogWriter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TripLogWriter.class);

  private final FileIo.Handle channel;
  private final BlockFormat format = new BlockFormat();
  private final ByteArrayOutputStream pending;
  private final int blockBytes;
  private final boolean sync;
  private final MessageDigest sha256;
  private long sizeBytes;
  private long records;
  private volatile boolean unforced;

  private TripLogWriter(FileIo.Handle channel, int blockBytes, boolean sync, long sizeBytes, long records,
      MessageDigest sha256) {
    this.channel = channel;
    this.sha256 = sha256;
    this.blockBytes = blockBytes;
    this.sync = sync;
    this.sizeBytes = sizeBytes;
    this.records = records;
    this.pending = new ByteArrayOutputStream(blockBytes + 1024);
  }

  /**
   * Opens {@code file} for appending, creating it if absent and cutting any torn tail.
   *
   * @param blockBytes uncompressed bytes buffered before a block is written
   * @param sync force every block to the device; off, the owner calls {@link #force()} (and
   *     benchmarks of the format itself)
   * @throws UncheckedIOException if the file cannot be opened or truncated
   */
  public static TripLogWriter open(Path file, int blockBytes, boolean sync) {
    return open(FileIo.SYSTEM, file, blockBytes, sync);
  }

  /**
   * {@link #open(Path, int, boolean)} with every file operation going through {@code io}.
   *
   * @throws UncheckedIOException if the file cannot be opened or truncated
   */
  public static TripLogWriter open(FileIo io, Path file, int blockBytes, boolean sync) {
    try {
      FileIo.Handle channel = io.open(file, FileIo.OpenMode.CREATE);
      TripLogReader.ScanResult scan = TripLogReader.read(channel, payload -> { });
      if (scan.tornTail()) {
        LOG.warn("trip log {}: cut torn tail of {} bytes after {} intact blocks", file.getFileName(),
            scan.fileBytes() - scan.validBytes(), scan.blocks());
        channel.truncate(scan.validBytes());
        channel.force();
      }
      MessageDigest digest = newDigest();
      ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
      for (long at = 0; at < scan.validBytes(); ) {
        buf.clear();
        int n = channel.read(buf, at);
        buf.flip();
        digest.update(buf);
        at += n;
      }
      return new TripLogWriter(channel, blockBytes, sync, scan.validBytes(), scan.records(), digest);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open trip log " + file.getFileName(), e);
    }
  }

  /** Buffers one encoded {@code LogRecord}; writes a block when the buffer is full. */
  public void append(byte[] logRecord) {
    RecordFraming.write(pending, logRecord);
    records++;
    if (pending.size() >= blockBytes) {
      flushBlock();
    }
  }

  /** Writes the buffered records as one block, forced to the device with {@code sync}. No-op when empty. */
  public void flushBlock() {
    if (pending.size() == 0) {
      return;
    }
    byte[] block = format.encode(pending.toByteArray(), pending.size());
    pending.reset();
    try {
      ByteBuffer buf = ByteBuffer.wrap(block);
      long at = sizeBytes;
      while (buf.hasRemaining()) {
        at += channel.write(buf, at);
      }
      if (sync) {
        channel.force();
      } else {
        unforced = true;
      }
      sizeBytes += block.length;
      sha256.update(block);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write trip log block", e);
    }
  }

  /**
   * Forces the blocks written so far to the device. Thread-safe: may run on another thread while
   * the writer's thread appends; after {@link #close()} it does nothing.
   *
   * @throws UncheckedIOException if the sync failed
   */
  public void force() {
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

  /** Bytes on disk (flushed blocks only). */
  public long sizeBytes() {
    return sizeBytes;
  }

  /** SHA-256 of the bytes on disk (flushed blocks), lower-case hex; kept up to date as blocks are written. */
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

  /** Flushes the pending block, forces every block to the device and closes the file. */
  @Override
  public void close() {
    try {
      flushBlock();
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
