package io.locolink.gateway.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;

/**
 * The file operations the journal (segments, cursor, sequence floor) and the trip log go through:
 * positional writes, reads and syncs on open files, plus the few directory operations they need.
 * {@link #SYSTEM} is the real file system; a test can pass its own to record every write and sync
 * and rebuild what a power cut would leave.
 *
 * <p>Durability contract, as on a journalling Linux file system: bytes written through a {@link
 * Handle} survive a crash of the process but only {@link Handle#force()} makes them survive a power
 * cut; creating, renaming and deleting files is atomic, and {@link #syncDirectory} makes it survive a
 * power cut. Implementations are thread-safe; a {@link Handle} may be used from several threads.
 */
public interface FileIo {

  /** The real file system. */
  FileIo SYSTEM = new SystemFileIo();

  /** A {@link Handle} on a channel opened elsewhere; closing the handle closes the channel. */
  static Handle of(FileChannel channel) {
    return new SystemFileIo.ChannelHandle(channel);
  }

  /** How {@link #open} treats a file that exists or not. */
  enum OpenMode {
    /** Create the file; fail if it exists. */
    CREATE_NEW,
    /** Create the file if absent, else open it as it is. */
    CREATE,
    /** Open an existing file; fail if absent. */
    EXISTING,
    /** Open an existing file for reading only. */
    READ_ONLY
  }

  /**
   * Opens {@code file} for positional reads and (except {@link OpenMode#READ_ONLY}) writes.
   *
   * @throws java.nio.file.NoSuchFileException if the file is absent and the mode does not create it
   * @throws java.nio.file.FileAlreadyExistsException for {@link OpenMode#CREATE_NEW} on an existing file
   */
  Handle open(Path file, OpenMode mode) throws IOException;

  /**
   * The whole content of {@code file}.
   *
   * @throws java.nio.file.NoSuchFileException if it does not exist
   */
  byte[] readAll(Path file) throws IOException;

  boolean exists(Path file);

  /** Regular files directly in {@code dir}, sorted by name. */
  List<Path> list(Path dir) throws IOException;

  void createDirectories(Path dir) throws IOException;

  void deleteIfExists(Path file) throws IOException;

  /** Renames {@code from} to {@code to} atomically, replacing {@code to} if it exists. */
  void replace(Path from, Path to) throws IOException;

  /**
   * Replaces the whole content of {@code file} atomically: writes {@code content} to a temporary
   * beside it ({@code file} + {@code .tmp}), syncs it, renames it over {@code file} and syncs the
   * directory. After a crash or power cut at any point the file holds either its old content or the
   * new one, never a mix; a leftover temporary is overwritten by the next replace. The one atomic
   * file replace of the gateway: the journal's cursor and boot records, the trip store's summaries,
   * metadata and collection marks go through it.
   */
  default void replace(Path file, byte[] content) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (Handle ch = open(tmp, OpenMode.CREATE)) {
      ch.truncate(0);
      ByteBuffer buf = ByteBuffer.wrap(content);
      while (buf.hasRemaining()) {
        ch.write(buf, buf.position());
      }
      ch.force();
    }
    replace(tmp, file);
    syncDirectory(file.getParent() != null ? file.getParent() : file.toAbsolutePath().getParent());
  }

  /** Makes the creations, renames and deletions in {@code dir} survive a power cut. */
  void syncDirectory(Path dir) throws IOException;

  /** One open file. Operations after {@link #close()} throw {@link java.nio.channels.ClosedChannelException}. */
  interface Handle extends AutoCloseable {

    /** Writes some of {@code src} at {@code position}; returns the bytes written. */
    int write(ByteBuffer src, long position) throws IOException;

    /** Reads into {@code dst} from {@code position}; returns the bytes read, -1 at the end of the file. */
    int read(ByteBuffer dst, long position) throws IOException;

    long size() throws IOException;

    /** Cuts the file to {@code sizeBytes} if it is longer. */
    void truncate(long sizeBytes) throws IOException;

    /** Makes every byte written so far survive a power cut. Blocks until the device confirms. */
    void force() throws IOException;

    @Override
    void close() throws IOException;
  }
}
