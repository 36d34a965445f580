package io.locolink.gateway.journal;

import io.locolink.gateway.storage.FileIo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;

/**
 * One append-only file of one stream: its open channel, an in-memory index of its records
 * (sequence, offset, append time) and which of them the broker acknowledged. The file is on the SD
 * card, or in memory (the journal's {@code volatileDir}) until {@link #moveTo} copies it to the
 * card. Not thread-safe: the {@link Journal} guards every call with its lock, except {@link
 * #force()}.
 */
final class Segment {

  private final FileIo io;
  private volatile Path file;
  private volatile FileIo.Handle channel;
  private volatile boolean inMemory;
  private long[] sequences = new long[64];
  private int[] offsets = new int[64];
  private long[] appendedAtMs = new long[64];
  private int[] payloadBytes = new int[64];
  /** Payloads of unacknowledged records appended in this run while this segment was written; null once sealed. */
  private byte[][] cached = new byte[64][];
  private final BitSet acked = new BitSet();
  private int count;
  private int ackedCount;
  /** Records {@code [0, syncedCount)} are on the device (forced, or found there at open). */
  private int syncedCount;
  /** {@link #count} at the previous sync tick: records appended before it are due at this tick. */
  private int seenCount;
  /** Bytes in the file, all handed to the operating system (synced to the device only by {@link #force()}). */
  private long sizeBytes;

  private Segment(FileIo io, Path file, FileIo.Handle channel, long sizeBytes, boolean inMemory) {
    this.io = io;
    this.file = file;
    this.channel = channel;
    this.sizeBytes = sizeBytes;
    this.inMemory = inMemory;
  }

  /** Creates a new, empty segment file (fails if it exists); {@code inMemory} if it is in the volatile directory. */
  static Segment create(FileIo io, Path file, boolean inMemory) throws IOException {
    return new Segment(io, file, io.open(file, FileIo.OpenMode.CREATE_NEW), 0, inMemory);
  }

  /** Opens an existing segment whose valid bytes end at {@code sizeBytes}; later bytes are cut. */
  static Segment reopen(FileIo io, Path file, long sizeBytes, boolean inMemory) throws IOException {
    FileIo.Handle ch = io.open(file, FileIo.OpenMode.EXISTING);
    if (ch.size() > sizeBytes) {
      ch.truncate(sizeBytes);
      ch.force();
    }
    Segment seg = new Segment(io, file, ch, sizeBytes, inMemory);
    seg.seal();
    return seg;
  }

  /**
   * Copies this in-memory segment to {@code cardFile} on the SD card and continues there: the
   * copy is written beside it as {@code cardFile.moving}, synced, renamed to {@code cardFile} with
   * its directory synced, and only then is the in-memory file deleted. A crash before the rename
   * leaves the in-memory file in force (the {@code .moving} copy is deleted at open); after it,
   * the card's copy, which holds every record the in-memory file did (see {@link Lane#open}).
   */
  void moveTo(Path cardFile) throws IOException {
    Path moving = cardFile.resolveSibling(cardFile.getFileName() + ".moving");
    FileIo.Handle out = io.open(moving, FileIo.OpenMode.CREATE);
    try {
      out.truncate(0);
      ByteBuffer buf = ByteBuffer.allocate((int) Math.min(sizeBytes, 64 << 10));
      for (long at = 0; at < sizeBytes; ) {
        buf.clear().limit((int) Math.min(buf.capacity(), sizeBytes - at));
        int n = channel.read(buf, at);
        if (n < 0) {
          throw new IOException("segment " + file + " ends at " + at + " of " + sizeBytes + " bytes");
        }
        buf.flip();
        while (buf.hasRemaining()) {
          out.write(buf, at + buf.position());
        }
        at += n;
      }
      out.force();
      io.replace(moving, cardFile);
      io.syncDirectory(cardFile.getParent());
    } catch (IOException e) {
      out.close();
      io.deleteIfExists(moving);
      throw e;
    }
    FileIo.Handle old = channel;
    Path oldFile = file;
    channel = out;
    file = cardFile;
    inMemory = false;
    old.close();
    io.deleteIfExists(oldFile);
  }

  /** True while the file is in the volatile directory, not on the SD card. */
  boolean inMemory() {
    return inMemory;
  }

  /** Adds a record that is already in the file to the index. */
  void index(long sequence, int offset, int payloadLength, long atMs) {
    if (count == sequences.length) {
      sequences = Arrays.copyOf(sequences, count * 2);
      offsets = Arrays.copyOf(offsets, count * 2);
      appendedAtMs = Arrays.copyOf(appendedAtMs, count * 2);
      payloadBytes = Arrays.copyOf(payloadBytes, count * 2);
      if (cached != null) {
        cached = Arrays.copyOf(cached, count * 2);
      }
    }
    payloadBytes[count] = payloadLength;
    sequences[count] = sequence;
    offsets[count] = offset;
    appendedAtMs[count] = atMs;
    count++;
  }

  /**
   * Writes an encoded record at the end of the segment and indexes it; keeps a reference to {@code
   * payload} for readers until the record is acknowledged or the segment sealed. The record is in
   * the operating system's page cache when this returns, so it survives a crash of this process;
   * only {@link #force()} makes it survive a power cut.
   *
   * @throws IOException if the write failed; the record is then not added and the file is cut back
   */
  void append(ByteBuffer record, byte[] payload, long sequence, long atMs) throws IOException {
    long start = sizeBytes;
    int bytes = record.remaining();
    writeAt(record, start);
    sizeBytes += bytes;
    index(sequence, (int) start, bytes - RecordCodec.HEADER_BYTES, atMs);
    if (cached != null) {
      cached[count - 1] = payload;
    }
  }

  private void writeAt(ByteBuffer src, long position) throws IOException {
    int bytes = src.remaining();
    int start = src.position();
    try {
      while (src.hasRemaining()) {
        channel.write(src, position + (src.position() - start));
      }
    } catch (IOException e) {
      channel.truncate(position);
      src.position(start);
      throw e;
    }
    assert src.position() - start == bytes;
  }

  /** Stops keeping payloads in memory (the segment is no longer written). */
  void seal() {
    cached = null;
  }

  /** Reads the payload of the record at index {@code i}. */
  byte[] payload(int i) throws IOException {
    if (cached != null && cached[i] != null) {
      return cached[i];
    }
    ByteBuffer buf = ByteBuffer.allocate(payloadBytes[i]);
    long pos = offsets[i] + RecordCodec.HEADER_BYTES;
    while (buf.hasRemaining()) {
      int n = channel.read(buf, pos + buf.position());
      if (n < 0) {
        throw new IOException("segment " + file + " ends inside record " + sequences[i]);
      }
    }
    return buf.array();
  }

  /** Index of the first record with a sequence greater than {@code sequence}; {@code count()} if none. */
  int firstAfter(long sequence) {
    int i = Arrays.binarySearch(sequences, 0, count, sequence);
    return i >= 0 ? i + 1 : -i - 1;
  }

  /** Index of the record with exactly this sequence, or a negative number if absent. */
  int indexOf(long sequence) {
    return Arrays.binarySearch(sequences, 0, count, sequence);
  }

  /** Marks record {@code i} acknowledged; returns true if it was not already. */
  boolean ack(int i) {
    if (acked.get(i)) {
      return false;
    }
    acked.set(i);
    ackedCount++;
    if (cached != null) {
      cached[i] = null;
    }
    return true;
  }

  boolean isAcked(int i) {
    return acked.get(i);
  }

  /** Index of the first unacknowledged record at or after {@code from}; {@code count()} if none. */
  int nextUnacked(int from) {
    int i = acked.nextClearBit(from);
    return Math.min(i, count);
  }

  long sequence(int i) {
    return sequences[i];
  }

  long appendedAtMs(int i) {
    return appendedAtMs[i];
  }

  int count() {
    return count;
  }

  int unackedCount() {
    return count - ackedCount;
  }

  long firstSequence() {
    return sequences[0];
  }

  long lastSequence() {
    return sequences[count - 1];
  }

  long sizeBytes() {
    return sizeBytes;
  }

  Path file() {
    return file;
  }

  /**
   * One sync tick of the rule "sync only what the ground does not have yet": true if a record
   * appended before the previous tick is neither on the device nor acknowledged by the broker (so
   * its sync window ends before the next tick). A record acknowledged in time never needs a sync:
   * the ground has it, and the page cache writes it to the device later without one. Remembers
   * this tick's record count for the next.
   */
  boolean dueAtTick() {
    int due = Math.min(seenCount, count);
    seenCount = count;
    return syncedCount < due && acked.nextClearBit(syncedCount) < due;
  }

  /** Notes that the first {@code records} records are on the device (after a {@link #force()}). */
  void markSynced(int records) {
    syncedCount = Math.max(syncedCount, Math.min(records, count));
  }

  /** Syncs what was written to the device. Safe to call from any thread while the segment is open. */
  void force() throws IOException {
    channel.force();
  }

  /** Closes the channel and deletes the file. */
  void delete() throws IOException {
    channel.close();
    io.deleteIfExists(file);
  }

  void close() throws IOException {
    channel.close();
  }
}
