package io.locolink.gateway.trips;

import com.google.protobuf.InvalidProtocolBufferException;
import io.locolink.proto.v1.LogRecord;
import io.locolink.proto.v1.TripSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory of trip logs and its index. A trip in progress is {@code ID.llt.open}; a finished
 * trip is {@code ID.llt} with {@code ID.summary} (the encoded {@code TripSummary}) and
 * {@code ID.meta} (start, end, size, SHA-256). Only file names of the strict {@link TripId} shape
 * are ever indexed, and outside callers reach a file only through the index, never by a path they
 * supplied. The total of all logs is kept under the byte budget by deleting the oldest finished
 * trips; the trip in progress is never deleted. Thread-safe: the index is guarded by this object;
 * readers open their own channels.
 */
public final class TripStore {

  private static final Logger LOG = LoggerFactory.getLogger(TripStore.class);
  static final String LOG_EXT = ".llt";
  static final String OPEN_EXT = ".llt.open";

  private final Path directory;
  private final long maxStoreBytes;
  private final Map<TripId, TripInfo> index = new TreeMap<>();
  private long finishedBytes;

  private TripStore(Path directory, long maxStoreBytes) {
    this.directory = directory;
    this.maxStoreBytes = maxStoreBytes;
  }

  /**
   * Opens (creating) the store and indexes its finished trips; rebuilds a missing or stale
   * {@code .meta} or {@code .summary} from the log itself.
   *
   * @throws UncheckedIOException if the directory cannot be created or listed
   */
  public static TripStore open(Path directory, long maxStoreBytes) {
    TripStore store = new TripStore(directory, maxStoreBytes);
    try {
      Files.createDirectories(directory);
      try (Stream<Path> files = Files.list(directory)) {
        for (Path file : files.toList()) {
          String name = file.getFileName().toString();
          if (name.endsWith(".tmp") && TripId.isValid(name.substring(0, Math.min(name.length(), 21)))) {
            Files.deleteIfExists(file);
            continue;
          }
          if (name.endsWith(LOG_EXT) && TripId.isValid(name.substring(0, name.length() - LOG_EXT.length()))) {
            TripId id = TripId.parse(name.substring(0, name.length() - LOG_EXT.length()));
            store.indexExisting(id).ifPresent(info -> {
              store.index.put(id, info);
              store.finishedBytes += info.sizeBytes();
            });
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open trip store", e);
    }
    return store;
  }

  /** Finished trips, oldest start first. */
  public synchronized List<TripInfo> list() {
    List<TripInfo> trips = new ArrayList<>(index.values());
    trips.sort(Comparator.comparing(TripInfo::start).thenComparing(TripInfo::id));
    return trips;
  }

  /** The finished trip named by untrusted {@code text}; empty for a malformed or unknown id. */
  public synchronized Optional<TripInfo> find(String text) {
    if (!TripId.isValid(text)) {
      return Optional.empty();
    }
    return Optional.ofNullable(index.get(TripId.parse(text)));
  }

  /**
   * Opens a finished trip's log for reading. The channel stays readable even if the trip is evicted
   * meanwhile. The caller closes it.
   *
   * @throws UncheckedIOException if the file cannot be opened
   */
  public FileChannel openLog(TripInfo trip) {
    try {
      return FileChannel.open(logPath(trip.id()), StandardOpenOption.READ);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open trip log " + trip.id(), e);
    }
  }

  /** The encoded {@code TripSummary} of a finished trip. */
  public byte[] summaryBytes(TripInfo trip) {
    try {
      return Files.readAllBytes(directory.resolve(trip.id() + ".summary"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read summary of " + trip.id(), e);
    }
  }

  /** Total bytes of finished trip logs. */
  public synchronized long finishedBytes() {
    return finishedBytes;
  }

  /** Paths of trips left in progress by an earlier run (crash or stop), oldest first. */
  List<TripId> unfinished() {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(OPEN_EXT))
          .map(n -> n.substring(0, n.length() - OPEN_EXT.length()))
          .filter(TripId::isValid)
          .map(TripId::parse)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list trip store", e);
    }
  }

  Path openPath(TripId id) {
    return directory.resolve(id.value() + OPEN_EXT);
  }

  private Path logPath(TripId id) {
    return directory.resolve(id.value() + LOG_EXT);
  }

  /**
   * Publishes a trip whose log (closed, final summary as its last record) sits at
   * {@link #openPath}: writes its summary and meta files, renames the log to its final name and
   * indexes it. Then enforces the budget.
   *
   * @param sha256Hex the log's SHA-256 as its writer computed it while writing
   */
  TripInfo finish(TripId id, TripSummary summary, String sha256Hex) {
    try {
      Path open = openPath(id);
      Path log = logPath(id);
      long size = Files.size(open);
      String sha = sha256Hex;
      TripInfo info = new TripInfo(id, LogRecordCodec.start(summary), LogRecordCodec.end(summary), size, sha);
      writeAtomically(directory.resolve(id + ".summary"), summary.toByteArray());
      writeAtomically(directory.resolve(id + ".meta"), meta(info));
      move(open, log);
      synchronized (this) {
        index.put(id, info);
        finishedBytes += size;
      }
      enforceBudget(0);
      return info;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot finish trip " + id, e);
    }
  }

  /**
   * Deletes the oldest finished trips until finished logs plus {@code openTripBytes} fit the
   * budget. The trip in progress is not in the index and so is never deleted.
   */
  void enforceBudget(long openTripBytes) {
    while (true) {
      TripInfo oldest;
      synchronized (this) {
        if (finishedBytes + openTripBytes <= maxStoreBytes || index.isEmpty()) {
          return;
        }
        oldest = list().get(0);
        index.remove(oldest.id());
        finishedBytes -= oldest.sizeBytes();
      }
      LOG.info("trip store over its {} byte budget: deleting oldest trip {} ({} bytes)", maxStoreBytes,
          oldest.id(), oldest.sizeBytes());
      try {
        Files.deleteIfExists(logPath(oldest.id()));
        Files.deleteIfExists(directory.resolve(oldest.id() + ".summary"));
        Files.deleteIfExists(directory.resolve(oldest.id() + ".meta"));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete trip " + oldest.id(), e);
      }
    }
  }

  private Optional<TripInfo> indexExisting(TripId id) throws IOException {
    Path log = logPath(id);
    long size = Files.size(log);
    Path metaFile = directory.resolve(id + ".meta");
    if (Files.exists(metaFile) && Files.exists(directory.resolve(id + ".summary"))) {
      Properties p = new Properties();
      try (InputStream in = Files.newInputStream(metaFile)) {
        p.load(in);
        if (Long.parseLong(p.getProperty("sizeBytes", "-1")) == size) {
          return Optional.of(new TripInfo(id, Instant.parse(p.getProperty("start")),
              Instant.parse(p.getProperty("end")), size, p.getProperty("sha256")));
        }
      } catch (RuntimeException e) {
        LOG.warn("trip {}: unreadable meta file, rebuilding it", id);
      }
    }
    Optional<TripSummary> summary = lastSummary(log);
    if (summary.isEmpty()) {
      LOG.warn("trip {}: log holds no summary; leaving it out of the index", id);
      return Optional.empty();
    }
    TripInfo info = new TripInfo(id, LogRecordCodec.start(summary.get()), LogRecordCodec.end(summary.get()), size,
        sha256(log));
    writeAtomically(directory.resolve(id + ".summary"), summary.get().toByteArray());
    writeAtomically(metaFile, meta(info));
    return Optional.of(info);
  }

  /** The last {@code TripSummary} record in the intact part of a log. */
  static Optional<TripSummary> lastSummary(Path log) {
    AtomicReference<TripSummary> last = new AtomicReference<>();
    TripLogReader.read(log, payload -> {
      try {
        LogRecord record = LogRecord.parseFrom(payload);
        if (record.hasTrip()) {
          last.set(record.getTrip());
        }
      } catch (InvalidProtocolBufferException e) {
        throw new TripLogCorruptException("record is not a LogRecord");
      }
    });
    return Optional.ofNullable(last.get());
  }

  private static byte[] meta(TripInfo info) {
    return ("start=" + info.start() + "\nend=" + info.end() + "\nsizeBytes=" + info.sizeBytes() + "\nsha256="
        + info.sha256Hex() + "\n").getBytes(StandardCharsets.ISO_8859_1);
  }

  /** SHA-256 of a file, lower-case hex. */
  public static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[64 * 1024];
      for (int n; (n = in.read(buf)) > 0; ) {
        digest.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  private void writeAtomically(Path target, byte[] data) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ch.write(java.nio.ByteBuffer.wrap(data));
      ch.force(true);
    }
    move(tmp, target);
  }

  private void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      LOG.debug("directory fsync not supported here: {}", e.getMessage());
    }
  }
}
