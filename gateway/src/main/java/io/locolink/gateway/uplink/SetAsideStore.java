package io.locolink.gateway.uplink;

import io.locolink.gateway.journal.JournalRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Where the uplink keeps the messages the broker would not take, for an operator to inspect: one
 * file {@code <stream>-<sequence>.msg} with the payload exactly as the journal held it, and one
 * {@code <stream>-<sequence>.reason} with the topic and why it was set aside. Each file is written
 * to a temporary name, synced and renamed, so a crash leaves either nothing or the whole file. Only
 * then does the uplink remove the record from the journal. Used from the uplink's link thread;
 * the count and last reason may be read from any thread.
 */
final class SetAsideStore {

  private final Path dir;
  private final AtomicLong count;
  private volatile String lastReason = "";

  /**
   * Opens the directory (created when absent) and counts the messages already in it.
   *
   * @throws UncheckedIOException if the directory cannot be created or listed
   */
  SetAsideStore(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
      try (Stream<Path> files = Files.list(dir)) {
        count = new AtomicLong(files.filter(f -> f.getFileName().toString().endsWith(".msg")).count());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the set-aside directory " + dir, e);
    }
  }

  /**
   * Keeps {@code record} on disk with its reason.
   *
   * @throws IOException if it could not be written; the caller must then keep it in the journal
   */
  void keep(JournalRecord record, String topic, String reason) throws IOException {
    String name = record.kind().name().toLowerCase(java.util.Locale.ROOT) + "-" + record.sequence();
    String text = "topic: " + topic + "\nsequence: " + record.sequence() + "\nappended: " + record.appendedAt()
        + "\nbytes: " + record.payload().length + "\nreason: " + reason + "\n";
    write(dir.resolve(name + ".reason"), text.getBytes(StandardCharsets.UTF_8));
    write(dir.resolve(name + ".msg"), record.payload());
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // some file systems cannot sync a directory; the renames are still atomic
    }
    count.incrementAndGet();
    lastReason = reason;
  }

  private static void write(Path target, byte[] bytes) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Messages kept in the directory, this run's and earlier runs'. */
  long count() {
    return count.get();
  }

  /** Why the last message of this run was set aside; empty if none was. */
  Optional<String> lastReason() {
    String r = lastReason;
    return r.isEmpty() ? Optional.empty() : Optional.of(r);
  }

  Path dir() {
    return dir;
  }
}
