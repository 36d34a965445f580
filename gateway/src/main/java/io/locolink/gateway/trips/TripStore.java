package io.locolink.gateway.trips;

import io.locolink.gateway.framing.LogRecordCodec;
import io.locolink.gateway.framing.MalformedMessageException;
import io.locolink.gateway.framing.StreamKind;
import io.locolink.gateway.framing.TripSummaryCodec;
import io.locolink.gateway.framing.TripSummaryFields;
import io.locolink.gateway.storage.FileIo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * trips, those the ground has collected first; the trip in progress is never deleted. A trip the
 * ground has collected (acknowledged with the log's SHA-256) carries {@code ID.collected}; only
 * such trips are deleted by {@link #deleteCollectedBefore}. Thread-safe: the index is guarded by this object;
 * readers open their own channels.
 */
public final class TripStore {

  private static final Logger LOG = LoggerFactory.getLogger(TripStore.class);
  static final String LOG_EXT = ".llt";
  static final String OPEN_EXT = ".llt.open";
  static final String COLLECTED_EXT = ".collected";

  private final FileIo io = FileIo.SYSTEM;
  private final Path directory;
  private final long maxStoreBytes;
  private final Map<TripId, TripInfo> index = new TreeMap<>();
  private final Map<TripId, Instant> collected = new TreeMap<>();
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
              store.readCollected(info).ifPresent(at -> store.collected.put(id, at));
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

  /**
   * Records that the ground collected {@code trip}, whose log it verified to have {@code sha256Hex};
   * durable before it returns. Idempotent.
   *
   * @return false if the trip is no longer in the store or its log's SHA-256 differs (nothing recorded)
   * @throws UncheckedIOException if the marker cannot be written
   */
  public synchronized boolean markCollected(TripInfo trip, String sha256Hex, Instant at) {
    TripInfo current = index.get(trip.id());
    if (current == null || !current.sha256Hex().equals(sha256Hex)) {
      return false;
    }
    if (collected.containsKey(trip.id())) {
      return true;
    }
    try {
      writeAtomically(directory.resolve(trip.id() + COLLECTED_EXT),
          ("sha256=" + sha256Hex + "\ncollectedAt=" + at + "\n").getBytes(StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot mark trip " + trip.id() + " collected", e);
    }
    collected.put(trip.id(), at);
    LOG.info("trip {} collected by the ground", trip.id());
    return true;
  }

  /** When the ground acknowledged collecting the trip; empty if it has not. */
  public synchronized Optional<Instant> collectedAt(TripId id) {
    return Optional.ofNullable(collected.get(id));
  }

  /** Deletes every collected trip acknowledged at or before {@code cutoff}; uncollected trips stay. */
  public void deleteCollectedBefore(Instant cutoff) {
    List<TripInfo> victims = new ArrayList<>();
    synchronized (this) {
      collected.forEach((id, at) -> {
        if (!at.isAfter(cutoff) && index.containsKey(id)) {
          victims.add(index.get(id));
        }
      });
      for (TripInfo t : victims) {
        forget(t);
      }
    }
    for (TripInfo t : victims) {
      LOG.info("trip {} deleted: collected by the ground", t.id());
      deleteFiles(t.id());
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
  TripInfo finish(TripId id, TripSummaryFields summary, String sha256Hex) {
    try {
      Path open = openPath(id);
      Path log = logPath(id);
      long size = Files.size(open);
      String sha = sha256Hex;
      TripInfo info = new TripInfo(id, summary.start(), summary.end(), size, sha);
      writeAtomically(directory.resolve(id + ".summary"), TripSummaryCodec.encode(summary));
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
      boolean wasCollected;
      synchronized (this) {
        if (finishedBytes + openTripBytes <= maxStoreBytes || index.isEmpty()) {
          return;
        }
        List<TripInfo> all = list();
        oldest = all.stream().filter(t -> collected.containsKey(t.id())).findFirst().orElse(all.get(0));
        wasCollected = collected.containsKey(oldest.id());
        forget(oldest);
      }
      LOG.info("trip store over its {} byte budget: deleting oldest {}trip {} ({} bytes)", maxStoreBytes,
          wasCollected ? "collected " : "", oldest.id(), oldest.sizeBytes());
      deleteFiles(oldest.id());
    }
  }

  private void forget(TripInfo trip) {
    index.remove(trip.id());
    finishedBytes -= trip.sizeBytes();
  }

  private void deleteFiles(TripId id) {
    try {
      Files.deleteIfExists(logPath(id));
      Files.deleteIfExists(directory.resolve(id + ".summary"));
      Files.deleteIfExists(directory.resolve(id + ".meta"));
      Files.deleteIfExists(directory.resolve(id + COLLECTED_EXT));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete trip " + id, e);
    }
    synchronized (this) {
      collected.remove(id);
    }
  }

  /** The acknowledgement time in {@code ID.collected}, if present and naming this log's SHA-256. */
  private Optional<Instant> readCollected(TripInfo info) {
    Path marker = directory.resolve(info.id() + COLLECTED_EXT);
    if (!Files.exists(marker)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(marker)) {
      p.load(in);
      if (info.sha256Hex().equals(p.getProperty("sha256"))) {
        return Optional.of(Instant.parse(p.getProperty("collectedAt")));
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("trip {}: unreadable collected marker, the trip counts as not collected", info.id());
    }
    return Optional.empty();
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
    Optional<byte[]> summary = lastSummary(log);
    if (summary.isEmpty()) {
      LOG.warn("trip {}: log holds no summary; leaving it out of the index", id);
      return Optional.empty();
    }
    TripSummaryFields fields = decodeSummary(summary.get());
    TripInfo info = new TripInfo(id, fields.start(), fields.end(), size, sha256(log));
    writeAtomically(directory.resolve(id + ".summary"), summary.get());
    writeAtomically(metaFile, meta(info));
    return Optional.of(info);
  }

  /**
   * The encoded summary of the last summary record in the intact part of a log, as it is there.
   *
   * @throws TripLogCorruptException if an intact record is not a log record
   */
  static Optional<byte[]> lastSummary(Path log) {
    AtomicReference<byte[]> last = new AtomicReference<>();
    TripLogReader.read(log, payload -> {
      try {
        LogRecordCodec.read(payload).filter(e -> e.kind() == StreamKind.TRIP).ifPresent(e -> last.set(e.message()));
      } catch (MalformedMessageException e) {
        throw new TripLogCorruptException("record is not a LogRecord: " + e.getMessage());
      }
    });
    return Optional.ofNullable(last.get());
  }

  /**
   * A summary read from a log.
   *
   * @throws TripLogCorruptException if it does not parse
   */
  static TripSummaryFields decodeSummary(byte[] summary) {
    try {
      return TripSummaryCodec.decode(summary);
    } catch (MalformedMessageException e) {
      throw new TripLogCorruptException("summary record does not parse: " + e.getMessage());
    }
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
    io.replace(target, data);
  }

  private void move(Path from, Path to) throws IOException {
    io.replace(from, to);
    io.syncDirectory(directory);
  }
}
