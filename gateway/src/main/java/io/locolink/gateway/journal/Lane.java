package io.locolink.gateway.journal;

import io.locolink.gateway.framing.StreamKind;
import io.locolink.gateway.storage.FileIo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The segments of one stream kind, oldest first, in their own directory on the SD card and, for a
 * lane given a {@code memoryDir}, in that directory in memory: new segments start there and {@link
 * #moveToCard} copies one to the card when its records must survive a power cut. Not thread-safe:
 * the {@link Journal} holds its lock around every call.
 */
final class Lane {

  private static final String SUFFIX = ".seg";
  private static final String MOVING_SUFFIX = SUFFIX + ".moving";

  private final FileIo io;
  private final StreamKind kind;
  private final Path dir;
  private final Path memoryDir;
  private final List<Segment> segments = new ArrayList<>();
  private boolean activeWritable;
  private long sizeBytes;
  /** An acknowledgement of a record on the card since {@link #takeCardAcknowledged()}. */
  private boolean cardAcknowledged;

  private Lane(FileIo io, StreamKind kind, Path dir, Path memoryDir) {
    this.io = io;
    this.kind = kind;
    this.dir = dir;
    this.memoryDir = memoryDir;
  }

  /**
   * Opens the lane in {@code dir} (and {@code memoryDir}, null for none), scanning every segment
   * in the order of their names (their first sequences), cutting a torn tail and skipping damage.
   * A segment in both directories was being moved to the card when the process stopped: the card's
   * copy, complete since it was renamed into place, is kept and the other deleted; an unfinished
   * copy ({@code .seg.moving}) is deleted.
   */
  static Lane open(FileIo io, StreamKind kind, Path dir, Path memoryDir, int maxPayloadBytes,
      RecoveryReport.Builder report) throws IOException {
    io.createDirectories(dir);
    Lane lane = new Lane(io, kind, dir, memoryDir);
    java.util.TreeMap<String, Path> files = new java.util.TreeMap<>();
    java.util.Set<Path> inMemory = new java.util.HashSet<>();
    if (memoryDir != null) {
      io.createDirectories(memoryDir);
      for (Path p : io.list(memoryDir)) {
        if (p.getFileName().toString().endsWith(SUFFIX)) {
          files.put(p.getFileName().toString(), p);
          inMemory.add(p);
        }
      }
    }
    for (Path p : io.list(dir)) {
      String name = p.getFileName().toString();
      if (name.endsWith(MOVING_SUFFIX)) {
        io.deleteIfExists(p);
      } else if (name.endsWith(SUFFIX)) {
        Path other = files.put(name, p);
        if (other != null) {
          io.deleteIfExists(other);
        }
      }
    }
    for (Path file : files.values()) {
      Segment seg = SegmentScanner.scan(io, kind, file, inMemory.contains(file), maxPayloadBytes,
          lane.lastSequence(), report);
      if (seg.count() == 0) {
        seg.delete();
      } else {
        lane.segments.add(seg);
        lane.sizeBytes += seg.sizeBytes();
      }
    }
    return lane;
  }

  /** Appends an encoded record, rolling to a new segment when the active one would pass {@code segmentBytes}. */
  void append(ByteBuffer record, byte[] payload, long sequence, long atMs, long segmentBytes) throws IOException {
    Segment active = activeWritable ? segments.getLast() : null;
    if (active == null || active.sizeBytes() + record.remaining() > segmentBytes) {
      if (active != null) {
        active.seal();
        if (!active.inMemory()) {
          active.force();
        }
      }
      String name = String.format("%020d" + SUFFIX, sequence);
      active = memoryDir != null ? Segment.create(io, memoryDir.resolve(name), true)
          : Segment.create(io, dir.resolve(name), false);
      segments.add(active);
      activeWritable = true;
    }
    int bytes = record.remaining();
    active.append(record, payload, sequence, atMs);
    sizeBytes += bytes;
  }

  /**
   * Adds to {@code out}, oldest first, up to {@code max} unacknowledged records with a sequence in
   * {@code (after, upTo]}.
   */
  void next(long after, long upTo, int max, List<JournalRecord> out) throws IOException {
    int added = 0;
    for (Segment seg : segments) {
      if (seg.lastSequence() <= after) {
        continue;
      }
      for (int i = seg.nextUnacked(seg.firstAfter(after)); i < seg.count(); i = seg.nextUnacked(i + 1)) {
        if (seg.sequence(i) > upTo || added == max) {
          return;
        }
        out.add(new JournalRecord(kind, seg.sequence(i), Instant.ofEpochMilli(seg.appendedAtMs(i)), seg.payload(i)));
        added++;
      }
    }
  }

  /** Marks {@code sequence} acknowledged; returns true if it was held and not yet acknowledged. */
  boolean acknowledge(long sequence) {
    for (int s = segments.size() - 1; s >= 0; s--) {
      Segment seg = segments.get(s);
      if (seg.count() > 0 && seg.firstSequence() <= sequence) {
        int i = seg.indexOf(sequence);
        boolean acked = i >= 0 && seg.ack(i);
        cardAcknowledged |= acked && !seg.inMemory();
        return acked;
      }
    }
    return false;
  }

  /** True if a record on the card was acknowledged since the last call (the card's cursor is behind). */
  boolean takeCardAcknowledged() {
    boolean was = cardAcknowledged;
    cardAcknowledged = false;
    return was;
  }

  /** The lane's segments still in memory, oldest first (none without a memory directory). */
  List<Segment> inMemory() {
    List<Segment> out = new ArrayList<>(2);
    for (Segment seg : segments) {
      if (seg.inMemory()) {
        out.add(seg);
      }
    }
    return out;
  }

  /**
   * Moves an in-memory segment of this lane to the card (see {@link Segment#moveTo}); its records
   * acknowledged so far count as the card's from now on.
   */
  void moveToCard(Segment seg) throws IOException {
    seg.moveTo(dir.resolve(seg.file().getFileName()));
    cardAcknowledged = true;
  }

  /** Deletes every segment, except the one being written, whose records are all acknowledged. */
  void deleteAcknowledgedSegments() throws IOException {
    int last = activeWritable ? segments.size() - 1 : segments.size();
    for (int s = 0; s < last; ) {
      Segment seg = segments.get(s);
      if (seg.unackedCount() == 0) {
        sizeBytes -= seg.sizeBytes();
        seg.delete();
        segments.remove(s);
        last--;
      } else {
        s++;
      }
    }
  }

  /** First sequence of the oldest segment, if any. */
  OptionalLong oldestSegmentStart() {
    return segments.isEmpty() ? OptionalLong.empty() : OptionalLong.of(segments.getFirst().firstSequence());
  }

  /** Deletes the oldest segment (even if it is being written); returns how many unacknowledged records went with it. */
  int evictOldest() throws IOException {
    Segment seg = segments.removeFirst();
    if (segments.isEmpty()) {
      activeWritable = false;
    }
    int dropped = seg.unackedCount();
    sizeBytes -= seg.sizeBytes();
    seg.delete();
    return dropped;
  }

  /**
   * After an outage: when the segment being written is on the card and the broker has acknowledged
   * all of it, stops appending to it, so that the next append starts a segment in memory again and
   * the card's one can be deleted. No-op without a memory directory.
   */
  void backToMemoryWhenCaughtUp() {
    if (memoryDir != null && activeWritable && !segments.getLast().inMemory()
        && segments.getLast().unackedCount() == 0) {
      seal();
    }
  }

  /** Stops appending to the current segment (the next append opens a new one). */
  void seal() {
    if (activeWritable) {
      segments.getLast().seal();
    }
    activeWritable = false;
  }

  /** The segment being written, if any, for the periodic sync. */
  Optional<Segment> active() {
    return activeWritable ? Optional.of(segments.getLast()) : Optional.empty();
  }

  /** Highest sequence held, or 0 when the lane is empty. */
  long lastSequence() {
    return segments.isEmpty() ? 0 : segments.getLast().lastSequence();
  }

  long pendingRecords() {
    long n = 0;
    for (Segment seg : segments) {
      n += seg.unackedCount();
    }
    return n;
  }

  /** Bytes held in this lane's segments. */
  long sizeBytes() {
    return sizeBytes;
  }

  /** Append time of the oldest unacknowledged record, UTC ms. */
  OptionalLong oldestPendingAtMs() {
    for (Segment seg : segments) {
      int i = seg.nextUnacked(0);
      if (i < seg.count()) {
        return OptionalLong.of(seg.appendedAtMs(i));
      }
    }
    return OptionalLong.empty();
  }

  /** Acknowledged sequences as closed ranges {from, to} over this lane's records, for the cursor file. */
  List<long[]> acknowledgedRanges() {
    List<long[]> ranges = new ArrayList<>();
    long[] open = null;
    for (Segment seg : segments) {
      for (int i = 0; i < seg.count(); i++) {
        if (seg.isAcked(i)) {
          if (open == null) {
            open = new long[] {seg.sequence(i), seg.sequence(i)};
            ranges.add(open);
          } else {
            open[1] = seg.sequence(i);
          }
        } else {
          open = null;
        }
      }
    }
    return ranges;
  }

  /** Marks every record with a sequence in {@code [from, to]} acknowledged (cursor recovery). */
  void acknowledgeRange(long from, long to) {
    for (Segment seg : segments) {
      for (int i = seg.firstAfter(from - 1); i < seg.count() && seg.sequence(i) <= to; i++) {
        seg.ack(i);
      }
    }
  }

  void close() throws IOException {
    for (Segment seg : segments) {
      if (!seg.inMemory()) {
        seg.force();
      }
      seg.close();
    }
  }

  StreamKind kind() {
    return kind;
  }
}
