package io.locolink.gateway.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An in-memory {@link FileIo} that records every operation, so a test can rebuild what a power cut
 * after any of them would have left on the device.
 *
 * <p>The model is a journalling Linux file system (ext4, data=ordered): creating, renaming and
 * deleting a file is atomic and kept in order; bytes written to a file survive a power cut once
 * that file was forced; unforced bytes are lost, kept, or torn (a prefix of the last write kept),
 * or the file keeps its new size but the unforced bytes read as zeros (allocation without data).
 * Thread-safe (every operation holds the instance's lock).
 */
public final class CrashFs implements FileIo {

  /** What a power cut does to the bytes written but not forced. */
  public enum Loss {
    /** All unforced bytes lost: every file is as it was at its last force. */
    LOST,
    /** All unforced bytes reached the device. */
    KEPT,
    /** Files keep their new size, but the unforced bytes read as zeros. */
    ZEROED
  }

  /** One recorded operation. */
  public sealed interface Event permits Write, Truncate, Force, Create, Rename, Delete {}

  /** A positional write into inode {@code inode}, known then as {@code path}. */
  public record Write(int inode, Path path, long position, byte[] bytes) implements Event {}

  public record Truncate(int inode, long sizeBytes) implements Event {}

  public record Force(int inode) implements Event {}

  public record Create(Path path, int inode) implements Event {}

  public record Rename(Path from, Path to) implements Event {}

  public record Delete(Path path) implements Event {}

  /** One file's bytes as on the device ({@code durable}) and as the process sees them. */
  private static final class Inode {
    byte[] durable = new byte[0];
    byte[] current = new byte[0];
    final List<Event> pending = new ArrayList<>();

  }

  private final Map<Path, Integer> names = new TreeMap<>();
  private final Map<Integer, Inode> inodes = new HashMap<>();
  private final Set<Path> dirs = new HashSet<>();
  private final List<Event> events = new ArrayList<>();
  private int nextInode = 1;

  /** Operations recorded so far; a cut point is an index into them. */
  public synchronized int eventCount() {
    return events.size();
  }

  public synchronized List<Event> events() {
    return List.copyOf(events);
  }

  /** The file's bytes as the process sees them now. */
  public synchronized byte[] bytes(Path file) throws NoSuchFileException {
    return inode(file).current.clone();
  }

  /** Paths of the files that exist now. */
  public synchronized List<Path> files() {
    return List.copyOf(names.keySet());
  }

  /**
   * What the device holds after a power cut just before event {@code cut}, as a new file system
   * whose every byte is durable.
   */
  public synchronized CrashFs image(int cut, Loss loss) {
    return replay(cut).snapshot(loss, Map.of());
  }

  /**
   * A power cut just before event {@code cut}, which must follow a {@link Write}: every unforced
   * byte is kept except that only the first {@code keptBytes} of that last write reached the device.
   */
  public synchronized CrashFs tornImage(int cut, int keptBytes) {
    Write last = (Write) events.get(cut - 1);
    CrashFs replay = replay(cut - 1);
    replay.apply(new Write(last.inode(), last.path(), last.position(), Arrays.copyOf(last.bytes(), keptBytes)));
    return replay.snapshot(Loss.KEPT, Map.of());
  }

  /** Bytes written but not forced at cut point {@code cut}, summed over the files named {@code *suffix}. */
  public synchronized long unforcedGrowth(int cut, String suffix) {
    CrashFs replay = replay(cut);
    long n = 0;
    for (Map.Entry<Path, Integer> e : replay.names.entrySet()) {
      if (e.getKey().getFileName().toString().endsWith(suffix)) {
        Inode in = replay.inodes.get(e.getValue());
        n += Math.max(0, in.current.length - in.durable.length);
      }
    }
    return n;
  }

  /**
   * A copy of this file system as the process sees it now, every byte durable, with {@code file}
   * replaced by (or created with) {@code content}.
   */
  public synchronized CrashFs withFile(Path file, byte[] content) {
    return snapshot(Loss.KEPT, Map.of(file, content));
  }

  /**
   * This file system without the files under {@code dir}, every other byte as it is: what a reboot
   * leaves when {@code dir} is in memory (tmpfs). Apply to an {@link #image} for a power cut.
   */
  public synchronized CrashFs withoutFilesUnder(Path dir) {
    CrashFs out = snapshot(Loss.KEPT, Map.of());
    out.names.keySet().removeIf(p -> p.startsWith(dir));
    out.initialNames.keySet().removeIf(p -> p.startsWith(dir));
    return out;
  }

  private CrashFs snapshot(Loss loss, Map<Path, byte[]> overrides) {
    CrashFs out = new CrashFs();
    out.dirs.addAll(dirs);
    for (Map.Entry<Path, Integer> e : names.entrySet()) {
      Inode in = inodes.get(e.getValue());
      byte[] content = switch (loss) {
        case LOST -> in.durable;
        case KEPT -> in.current;
        case ZEROED -> Arrays.copyOf(in.durable, in.current.length);
      };
      Inode copy = new Inode();
      copy.durable = overrides.getOrDefault(e.getKey(), content).clone();
      copy.current = copy.durable.clone();
      int id = out.nextInode++;
      out.inodes.put(id, copy);
      out.names.put(e.getKey(), id);
    }
    for (Map.Entry<Path, byte[]> e : overrides.entrySet()) {
      if (!out.names.containsKey(e.getKey())) {
        Inode added = new Inode();
        added.durable = e.getValue().clone();
        added.current = added.durable.clone();
        int id = out.nextInode++;
        out.inodes.put(id, added);
        out.names.put(e.getKey(), id);
        out.createDirectories(e.getKey().getParent());
      }
    }
    out.initialDirs.addAll(out.dirs);
    out.initialNames.putAll(out.names);
    for (Map.Entry<Integer, Inode> e : out.inodes.entrySet()) {
      out.initialContent.put(e.getKey(), e.getValue().current.clone());
    }
    out.firstInode = out.nextInode;
    return out;
  }

  /** The state after the first {@code cut} events, replayed from this file system's start state. */
  private CrashFs replay(int cut) {
    CrashFs replay = new CrashFs();
    replay.dirs.addAll(dirs); // directories are created once and never removed here
    replay.names.putAll(initialNames);
    for (Map.Entry<Integer, byte[]> e : initialContent.entrySet()) {
      Inode in = new Inode();
      in.durable = e.getValue().clone();
      in.current = e.getValue().clone();
      replay.inodes.put(e.getKey(), in);
    }
    replay.nextInode = firstInode;
    for (int i = 0; i < cut; i++) {
      replay.apply(events.get(i));
    }
    return replay;
  }

  /** The state this file system was built with (everything durable), from which events are replayed. */
  private final Set<Path> initialDirs = new HashSet<>();
  private final Map<Path, Integer> initialNames = new TreeMap<>();
  private final Map<Integer, byte[]> initialContent = new HashMap<>();
  private int firstInode = 1;

  private void apply(Event event) {
    events.add(event);
    switch (event) {
      case Write w -> {
        Inode in = inodes.get(w.inode());
        long end = w.position() + w.bytes().length;
        if (end > in.current.length) {
          in.current = Arrays.copyOf(in.current, (int) end);
        }
        System.arraycopy(w.bytes(), 0, in.current, (int) w.position(), w.bytes().length);
        in.pending.add(w);
      }
      case Truncate t -> {
        Inode in = inodes.get(t.inode());
        in.current = Arrays.copyOf(in.current, (int) t.sizeBytes());
        in.pending.add(t);
      }
      case Force f -> {
        Inode in = inodes.get(f.inode());
        in.durable = in.current.clone();
        in.pending.clear();
      }
      case Create c -> {
        inodes.put(c.inode(), new Inode());
        names.put(c.path(), c.inode());
        nextInode = Math.max(nextInode, c.inode() + 1);
      }
      case Rename r -> names.put(r.to(), names.remove(r.from()));
      case Delete d -> names.remove(d.path());
    }
  }

  private Inode inode(Path file) throws NoSuchFileException {
    Integer id = names.get(file);
    if (id == null) {
      throw new NoSuchFileException(file.toString());
    }
    return inodes.get(id);
  }

  @Override
  public synchronized Handle open(Path file, OpenMode mode) throws IOException {
    Integer id = names.get(file);
    if (id != null && mode == OpenMode.CREATE_NEW) {
      throw new FileAlreadyExistsException(file.toString());
    }
    if (id == null) {
      if (mode == OpenMode.EXISTING || mode == OpenMode.READ_ONLY) {
        throw new NoSuchFileException(file.toString());
      }
      if (file.getParent() != null && !dirs.contains(file.getParent())) {
        throw new NoSuchFileException(file.getParent().toString());
      }
      id = nextInode++;
      apply(new Create(file, id));
    }
    return new MemHandle(id, file, mode == OpenMode.READ_ONLY);
  }

  @Override
  public synchronized byte[] readAll(Path file) throws IOException {
    return inode(file).current.clone();
  }

  @Override
  public synchronized boolean exists(Path file) {
    return names.containsKey(file) || dirs.contains(file);
  }

  @Override
  public synchronized List<Path> list(Path dir) throws IOException {
    if (!dirs.contains(dir)) {
      throw new NoSuchFileException(dir.toString());
    }
    return names.keySet().stream().filter(p -> dir.equals(p.getParent())).sorted().toList();
  }

  @Override
  public synchronized void createDirectories(Path dir) {
    for (Path p = dir; p != null; p = p.getParent()) {
      dirs.add(p);
    }
  }

  @Override
  public synchronized void deleteIfExists(Path file) {
    if (names.containsKey(file)) {
      apply(new Delete(file));
    }
  }

  @Override
  public synchronized void replace(Path from, Path to) throws IOException {
    inode(from);
    apply(new Rename(from, to));
  }

  @Override
  public void syncDirectory(Path dir) {
    // metadata operations are durable in order in this model
  }

  private final class MemHandle implements Handle {
    private final int id;
    private final Path path;
    private final boolean readOnly;
    private boolean closed;

    MemHandle(int id, Path path, boolean readOnly) {
      this.id = id;
      this.path = path;
      this.readOnly = readOnly;
    }

    private Inode live() throws ClosedChannelException {
      if (closed) {
        throw new ClosedChannelException();
      }
      return inodes.get(id);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      synchronized (CrashFs.this) {
        live();
        if (readOnly) {
          throw new java.nio.channels.NonWritableChannelException();
        }
        byte[] bytes = new byte[src.remaining()];
        src.get(bytes);
        apply(new Write(id, path, position, bytes));
        return bytes.length;
      }
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      synchronized (CrashFs.this) {
        byte[] cur = live().current;
        if (position >= cur.length) {
          return -1;
        }
        int n = (int) Math.min(dst.remaining(), cur.length - position);
        dst.put(cur, (int) position, n);
        return n;
      }
    }

    @Override
    public long size() throws IOException {
      synchronized (CrashFs.this) {
        return live().current.length;
      }
    }

    @Override
    public void truncate(long sizeBytes) throws IOException {
      synchronized (CrashFs.this) {
        if (sizeBytes < live().current.length) {
          apply(new Truncate(id, sizeBytes));
        }
      }
    }

    @Override
    public void force() throws IOException {
      synchronized (CrashFs.this) {
        live();
        apply(new Force(id));
      }
    }

    @Override
    public void close() {
      synchronized (CrashFs.this) {
        closed = true;
      }
    }
  }
}
