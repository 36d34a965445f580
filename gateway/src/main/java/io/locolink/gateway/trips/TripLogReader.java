package io.locolink.gateway.trips;

import io.locolink.gateway.framing.LogRecordModel;
import io.locolink.gateway.framing.MalformedMessageException;
import io.locolink.gateway.framing.RecordFraming;
import io.locolink.gateway.storage.FileIo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a trip log member by member (deflate blocks and streamed members, see {@link BlockFormat};
 * LZMA2 members, see {@link Lzma2Members}, whose coded records it decodes with {@link
 * LogRecordModel}) and hands every record's payload (an encoded {@code LogRecord}, byte for byte as
 * appended) to a consumer. Stops at the first member that is cut short or fails its checks: that is
 * a torn tail, reported in the result, never an exception; of a streamed member cut short, the
 * records up to its last intact flush are read.
 * Stateless; safe from any thread.
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
    return scan(channel, records).result();
  }

  /**
   * A scan's result and, when the last member is a streamed one that was never finished (the
   * writer crashed or is still writing it), the bytes that finish it at its intact prefix; null
   * otherwise.
   */
  record Scan(ScanResult result, byte[] unfinishedEnd) {}

  /**
   * Reads every intact record of an open trip log, members of both kinds (see {@link
   * BlockFormat}); an unfinished streamed member is read up to its last intact flush.
   *
   * @throws IOException if the file cannot be read
   */
  static Scan scan(FileIo.Handle channel, Consumer<byte[]> records) throws IOException {
    BlockFormat format = new BlockFormat();
    try {
      long size = channel.size();
      long position = 0;
      long blocks = 0;
      long count = 0;
      byte[] unfinished = null;
      ByteBuffer header = ByteBuffer.allocate(BlockFormat.HEADER_BYTES);
      LogRecordModel model = new LogRecordModel();
      while (position + 4 <= size) {
        header.clear();
        header.limit((int) Math.min(BlockFormat.HEADER_BYTES, size - position));
        readFully(channel, header, position);
        header.flip();
        try {
          if (Lzma2Members.startsMember(header)) {
            Lzma2Members.Member member = Lzma2Members.read(channel, position, size);
            if (member == null) {
              break;
            }
            List<byte[]> payloads = new ArrayList<>();
            RecordFraming.readAll(member.plain(), member.plain().length, payloads::add);
            if (member.coding() == Lzma2Members.MODELLED) {
              model.reset();
              payloads.replaceAll(model::decode);
            }
            payloads.forEach(records);
            count += payloads.size();
            blocks++;
            position = member.end();
            if (member.finishing() != null) {
              unfinished = member.finishing();
              break;
            }
            continue;
          }
          if (header.remaining() < BlockFormat.HEADER_BYTES) {
            break;
          }
          int deflated = BlockFormat.deflateLength(header);
          long dataAt = position + BlockFormat.HEADER_BYTES;
          byte[] data;
          long end;
          if (deflated == BlockFormat.STREAMED) {
            BlockFormat.Streamed whole = format.inflateStreamed(channel, dataAt, size);
            end = whole == null ? Long.MAX_VALUE : dataAt + whole.deflateBytes() + BlockFormat.TRAILER_BYTES;
            if (end <= size && trailerHolds(channel, end, whole.plain())) {
              data = whole.plain();
            } else {
              if (size - dataAt > 2L * BlockFormat.MAX_BLOCK_BYTES) {
                break;
              }
              byte[] rest = new byte[(int) (size - dataAt)];
              readFully(channel, ByteBuffer.wrap(rest), dataAt);
              BlockFormat.Prefix prefix = format.intactPrefix(rest);
              if (prefix.length() == 0) {
                break;
              }
              data = prefix.plain();
              end = dataAt + prefix.length();
              unfinished = BlockFormat.finishAfterSyncFlush(data);
            }
          } else {
            end = dataAt + deflated + BlockFormat.TRAILER_BYTES;
            if (end > size) {
              break;
            }
            byte[] body = new byte[deflated + BlockFormat.TRAILER_BYTES];
            readFully(channel, ByteBuffer.wrap(body), dataAt);
            data = format.decode(body);
          }
          List<byte[]> payloads = new ArrayList<>();
          RecordFraming.readAll(data, data.length, payloads::add);
          payloads.forEach(records);
          count += payloads.size();
          blocks++;
          position = end;
          if (unfinished != null) {
            break;
          }
        } catch (TripLogCorruptException | RecordFraming.DamagedRecordException | MalformedMessageException e) {
          unfinished = null;
          break;
        }
      }
      return new Scan(new ScanResult(position, size, blocks, count), unfinished);
    } finally {
      format.close();
    }
  }

  private static boolean trailerHolds(FileIo.Handle channel, long end, byte[] plain) throws IOException {
    byte[] trailer = new byte[BlockFormat.TRAILER_BYTES];
    readFully(channel, ByteBuffer.wrap(trailer), end - BlockFormat.TRAILER_BYTES);
    return BlockFormat.trailerHolds(trailer, plain);
  }

  /** {@link #read(FileIo.Handle, Consumer)} on an open channel, which stays open. */
  static ScanResult read(FileChannel channel, Consumer<byte[]> records) throws IOException {
    return read(FileIo.of(channel), records);
  }

  /** Fills {@code buffer} from {@code position}; an end of file before it is full is an {@link IOException}. */
  static void readFully(FileIo.Handle channel, ByteBuffer buffer, long position) throws IOException {
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
