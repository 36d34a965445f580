package io.locolink.gateway.uplink;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * Where an in-process gateway run from the command line delivers: each message appended to one
 * file as {@code [u16 topic length][topic UTF-8][u32 payload length][payload]} (big-endian, as
 * {@link DataOutputStream} writes them) and synced before the journal lets the record go, so a
 * message is either in the file or still in the journal. Called from the uplink's link thread.
 */
final class CaptureFile implements Consumer<Delivery>, AutoCloseable {

  private final FileChannel channel;

  /** @throws UncheckedIOException if the file cannot be opened for appending */
  CaptureFile(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the uplink capture file " + file, e);
    }
  }

  /** @throws UncheckedIOException if the message could not be written and synced (it is then refused) */
  @Override
  public void accept(Delivery d) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(d.payload().length + d.topic().length() + 8);
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeUTF(d.topic());
        out.writeInt(d.payload().length);
        out.write(d.payload());
      }
      ByteBuffer buf = ByteBuffer.wrap(bytes.toByteArray());
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the uplink capture file", e);
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
