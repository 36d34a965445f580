package io.locolink.gateway.trips;

import io.locolink.gateway.framing.RecordFraming;
import io.locolink.gateway.storage.FileIo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reads a trip log block by block and hands every record's payload (an encoded {@code LogRecord})
 * to a consumer. Stops at the first block that is cut short or fails its checks: that is a torn
 * tail, reported in the result, never an exception. Stateless; safe from any thread.
 */
public final class TripLogReader {

  /**
   * What a scan found.
   *
   * @param validBytes length of the intact prefix of the file, bytes
   * @param fileBytes length of the file, bytes
   * @param blocks intact blocks
   * @param records records in the intact blocks
   */
  public record ScanResult(long validBytes, long fileBytes, long blocks, long records) {

    /** True when bytes after the intact prefix were cut off by a crash or damage. */
    public boolean tornTail() {
      return validBytes < fileBytes;
    }
  }

  private TripLogReader() {}

  /**
   * Reads every intact record of {@code file}.
   *
   * @throws UncheckedIOException if the file cannot be read
   */
  public static ScanResult read(Path file, Consumer<byte[]> records) {
    try (FileIo.Handle channel = FileIo.SYSTEM.open(file, FileIo.OpenMode.READ_ONLY)) {
      return read(channel, records);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read trip log " + file.getFileName(), e);
    }
  }

  /**
   * Reads every intact record of an open trip log.
   *
   * @throws IOException if the file cannot be read
   */
  public static ScanResult read(FileIo.Handle channel, Consumer<byte[]> records) throws IOException {
    BlockFormat format = new BlockFormat();
    try {
      long size = channel.size();
      long position = 0;
      long blocks = 0;
      long count = 0;
      ByteBuffer header = ByteBuffer.allocate(BlockFormat.HEADER_BYTES);
      while (position + BlockFormat.HEADER_BYTES <= size) {
        header.clear();
        readFully(channel, header, position);
        header.flip();
        byte[] body;
        byte[] data;
        try {
          int deflated = BlockFormat.deflateLength(header);
          long end = position + BlockFormat.HEADER_BYTES + deflated + BlockFormat.TRAILER_BYTES;
          if (end > size) {
            break;
          }
          body = new byte[deflated + BlockFormat.TRAILER_BYTES];
          readFully(channel, ByteBuffer.wrap(body), position + BlockFormat.HEADER_BYTES);
          data = format.decode(body);
          java.util.List<byte[]> payloads = new java.util.ArrayList<>();
          RecordFraming.readAll(data, data.length, payloads::add);
          payloads.forEach(records);
          count += payloads.size();
          blocks++;
          position = end;
        } catch (TripLogCorruptException | RecordFraming.DamagedRecordException e) {
          break;
        }
      }
      return new ScanResult(position, size, blocks, count);
    } finally {
      format.close();
    }
  }

  /** {@link #read(FileIo.Handle, Consumer)} on an open channel, which stays open. */
  static ScanResult read(FileChannel channel, Consumer<byte[]> records) throws IOException {
    return read(FileIo.of(channel), records);
  }

  private static void readFully(FileIo.Handle channel, ByteBuffer buffer, long position) throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, at);
      if (n < 0) {
        throw new IOException("unexpected end of file at " + at);
      }
      at += n;
    }
  }
}
