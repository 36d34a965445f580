package io.locolink.gateway.trips;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends records to one trip log. Records are buffered in memory and written as one compressed
 * block (see {@link BlockFormat}) when the buffer reaches the block size or {@link #flushBlock()}
 * is called; each block is written with one positional write and forced to the device, so a crash
 * loses at most the records of the unflushed block. Opening an existing file first cuts a torn
 * tail. Not thread-safe: one writer thread.
 */
public final class TripLogWriter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TripLogWriter.class);

  private final FileChannel channel;
  private final BlockFormat format = new BlockFormat();
  private final ByteArrayOutputStream pending;
  private final int blockBytes;
  private final boolean sync;
  private long sizeBytes;
  private long records;

  private TripLogWriter(FileChannel channel, int blockBytes, boolean sync, long sizeBytes, long records) {
    this.channel = channel;
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
   * @param sync force every block to the device (off only in benchmarks of the format itself)
   * @throws UncheckedIOException if the file cannot be opened or truncated
   */
  public static TripLogWriter open(Path file, int blockBytes, boolean sync) {
    try {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      TripLogReader.ScanResult scan = TripLogReader.read(channel, payload -> { });
      if (scan.tornTail()) {
        LOG.warn("trip log {}: cut torn tail of {} bytes after {} intact blocks", file.getFileName(),
            scan.fileBytes() - scan.validBytes(), scan.blocks());
        channel.truncate(scan.validBytes());
        channel.force(true);
      }
      return new TripLogWriter(channel, blockBytes, sync, scan.validBytes(), scan.records());
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

  /** Writes the buffered records as one block and forces it to the device. No-op when empty. */
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
        channel.force(false);
      }
      sizeBytes += block.length;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write trip log block", e);
    }
  }

  /** Bytes on disk (flushed blocks only). */
  public long sizeBytes() {
    return sizeBytes;
  }

  /** Uncompressed bytes waiting for the next block. */
  public int pendingBytes() {
    return pending.size();
  }

  /** Records written or buffered since the file was created. */
  public long records() {
    return records;
  }

  /** Flushes the pending block and closes the file. */
  @Override
  public void close() {
    try {
      flushBlock();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close trip log", e);
    } finally {
      format.close();
    }
  }
}
