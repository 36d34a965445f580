package io.locolink.gateway.uplink;

import io.locolink.gateway.journal.JournalRecord;
import io.locolink.gateway.storage.FileIo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Where the uplink keeps the messages the broker would not take, for an operator to inspect: one
 * file {@code <stream>-<sequence>.msg} with the payload exactly as the journal held it, and one
 * {@code <stream>-<sequence>.reason} with the topic and why it was set aside. Each file is replaced
 * atomically ({@link FileIo#replace(Path, byte[])}: temporary, sync, rename, directory sync), so a
 * crash or power cut leaves either nothing or the whole file. Only then does the uplink remove the
 * record from the journal. Used from the uplink's link thread;
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
    FileIo.SYSTEM.replace(dir.resolve(name + ".reason"), text.getBytes(StandardCharsets.UTF_8));
    FileIo.SYSTEM.replace(dir.resolve(name + ".msg"), record.payload());
    count.incrementAndGet();
    lastReason = reason;
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
