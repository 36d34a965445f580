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
 * The segments of one stream kind, oldest first, in their own directory. Not thread-safe: the
 * {@link Journal} holds its lock around every call.
 */
final class Lane {

  private final FileIo io;
  private final StreamKind kind;
  private final Path dir;
  private final List<Segment> segments = new ArrayList<>();
  private boolean activeWritable;
  private long sizeBytes;

  private Lane(FileIo io, StreamKind kind, Path dir) {
    this.io = io;
    this.kind = kind;
    this.dir = dir;
  }

  /** Opens the lane in {@code dir}, scanning every segment, cutting a torn tail and skipping damage. */
  static Lane open(FileIo io, StreamKind kind, Path dir, int maxPayloadBytes, RecoveryReport.Builder report)
      throws IOException {
    io.createDirectories(dir);
    Lane lane = new Lane(io, kind, dir);
    List<Path> files = io.list(dir).stream().filter(p -> p.getFileName().toString().endsWith(".seg")).toList();
    for (Path file : files) {
      Segment seg = SegmentScanner.scan(io, kind, file, maxPayloadBytes, lane.lastSequence(), report);
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
        active.force();
      }
      active = Segment.create(io, dir.resolve(String.format("%020d.seg", sequence)));
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
        return i >= 0 && seg.ack(i);
      }
    }
    return false;
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
      seg.force();
      seg.close();
    }
  }

  StreamKind kind() {
    return kind;
  }
}
