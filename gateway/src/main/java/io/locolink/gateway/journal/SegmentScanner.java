package io.locolink.gateway.journal;

import io.locolink.gateway.framing.StreamKind;
import io.locolink.gateway.storage.FileIo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a segment file at open: indexes every valid record, skips damaged stretches in the middle
 * (resynchronising on the next record whose checksum holds) and cuts a torn or corrupt tail.
 */
final class SegmentScanner {

  private static final Logger LOG = LoggerFactory.getLogger(SegmentScanner.class);

  private SegmentScanner() {}

  /**
   * Scans {@code file} and returns it opened for reading, its index built.
   *
   * @param inMemory whether {@code file} is in the journal's volatile directory
   * @param previousSequence highest sequence seen in earlier segments of the lane; records at or
   *     below it are out of order and counted as damage
   */
  static Segment scan(FileIo io, StreamKind kind, Path file, boolean inMemory, int maxPayloadBytes,
      long previousSequence, RecoveryReport.Builder report) throws IOException {
    byte[] data = io.readAll(file);
    int size = data.length;
    int pos = 0;
    int validEnd = 0;
    long lastSeq = previousSequence;
    record Entry(long seq, int offset, int length, long atMs) {}
    java.util.List<Entry> entries = new java.util.ArrayList<>();
    while (pos < size) {
      Optional<RecordCodec.Parsed> rec = RecordCodec.parse(data, pos, size, maxPayloadBytes);
      if (rec.isPresent() && rec.get().kind() == kind && rec.get().sequence() > lastSeq) {
        RecordCodec.Parsed r = rec.get();
        entries.add(new Entry(r.sequence(), pos, r.payloadBytes(), r.appendedAtMs()));
        lastSeq = r.sequence();
        pos += r.totalBytes();
        validEnd = pos;
        continue;
      }
      int resume = findNext(data, pos + 1, size, maxPayloadBytes, kind, lastSeq);
      if (resume < 0) {
        report.tornTail(size - pos);
        LOG.warn("journal segment {}: torn or corrupt tail of {} bytes at offset {} cut", file, size - pos, pos);
        break;
      }
      report.damaged(resume - pos);
      LOG.warn("journal segment {}: {} damaged bytes at offset {} skipped", file, resume - pos, pos);
      pos = resume;
    }
    Segment seg = Segment.reopen(io, file, validEnd, inMemory);
    for (Entry e : entries) {
      seg.index(e.seq(), e.offset(), e.length(), e.atMs());
    }
    report.records(entries.size());
    return seg;
  }

  /** Offset of the next valid record of {@code kind} at or after {@code from}, or -1. */
  private static int findNext(byte[] data, int from, int size, int maxPayloadBytes, StreamKind kind,
      long lastSeq) {
    byte m0 = (byte) (RecordCodec.MAGIC >> 8);
    byte m1 = (byte) RecordCodec.MAGIC;
    for (int p = from; p + 1 < size; p++) {
      if (data[p] == m0 && data[p + 1] == m1) {
        Optional<RecordCodec.Parsed> rec = RecordCodec.parse(data, p, size, maxPayloadBytes);
        if (rec.isPresent() && rec.get().kind() == kind && rec.get().sequence() > lastSeq) {
          return p;
        }
      }
    }
    return -1;
  }
}
