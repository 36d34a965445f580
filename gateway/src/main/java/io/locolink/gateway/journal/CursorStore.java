package io.locolink.gateway.journal;

import io.locolink.gateway.framing.StreamKind;
import io.locolink.gateway.storage.FileIo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The acknowledgement cursor on disk: per stream, the ranges of sequences the broker acknowledged
 * among the records still held. A missing or damaged cursor means "nothing acknowledged"
 * (everything is sent again), never a failed start.
 *
 * <p>Format ({@code cursor.slots}): one 4 KiB file written in place, never renamed or resized
 * after it is made, holding two slots of {@value #SLOT_BYTES} bytes at offsets 0 and {@value
 * #SLOT_BYTES}. Writes alternate between them; each slot is {@code "LLC2"}, a generation (int64),
 * the text's length (int32), the text (UTF-8, lines {@code KIND from-to from-to ...}) and a CRC32C
 * (int32) over everything before it, all big-endian. The valid slot with the higher generation
 * wins, so a write torn by a power cut leaves the previous slot in force. Writing in place dirties
 * one page of an existing file and no metadata, so a write costs the SD card at most one page and
 * often nothing (the page cache merges the writes of a writeback period); it is synced only when
 * the journal is synced explicitly (or at every write with {@code syncAcknowledged}): a cursor
 * lost to a power cut only makes acknowledged records be sent again. The cursor of earlier
 * versions ({@code cursor}, text with a CRC trailer, replaced by rename) is still read, and deleted
 * once the slots are on the device.
 *
 * <p>A cursor too long for a slot (more than about 130 separate ranges) keeps each stream's
 * newest ranges; the older records it leaves out are sent again if still held (duplicates, never
 * a loss).
 */
final class CursorStore {

  /** Bytes per slot; two slots fill one page. */
  static final int SLOT_BYTES = 2048;
  static final String FILE_NAME = "cursor.slots";
  static final String LEGACY_FILE_NAME = "cursor";

  private static final Logger LOG = LoggerFactory.getLogger(CursorStore.class);
  private static final String FIRST_LINE = "locolink-journal-cursor 1\n";
  private static final int MAGIC = 0x4c4c4332; // "LLC2"
  /** Magic, generation, length before the text; CRC after it. */
  private static final int OVERHEAD_BYTES = 4 + 8 + 4 + 4;
  static final int MAX_TEXT_BYTES = SLOT_BYTES - OVERHEAD_BYTES;

  private final FileIo io;
  private final Path file;
  private final Path legacy;
  private FileIo.Handle handle;
  private long generation;
  private boolean legacyPresent;

  CursorStore(FileIo io, Path dir) {
    this.io = io;
    this.file = dir.resolve(FILE_NAME);
    this.legacy = dir.resolve(LEGACY_FILE_NAME);
  }

  /**
   * The cursor text for the lanes' current acknowledgements, at most {@link #MAX_TEXT_BYTES}
   * bytes: when longer, the stream with the most ranges gives up its oldest until it fits. Caller
   * holds the journal lock.
   */
  static String render(Map<StreamKind, Lane> lanes) {
    List<StreamKind> kinds = new ArrayList<>();
    List<List<long[]>> ranges = new ArrayList<>();
    for (Lane lane : lanes.values()) {
      kinds.add(lane.kind());
      ranges.add(new ArrayList<>(lane.acknowledgedRanges()));
    }
    while (true) {
      String text = text(kinds, ranges);
      if (text.getBytes(StandardCharsets.UTF_8).length <= MAX_TEXT_BYTES) {
        return text;
      }
      List<long[]> most = ranges.getFirst();
      for (List<long[]> r : ranges) {
        if (r.size() > most.size()) {
          most = r;
        }
      }
      most.removeFirst();
    }
  }

  private static String text(List<StreamKind> kinds, List<List<long[]>> ranges) {
    StringBuilder sb = new StringBuilder(FIRST_LINE);
    for (int k = 0; k < kinds.size(); k++) {
      sb.append(kinds.get(k).name());
      for (long[] r : ranges.get(k)) {
        sb.append(' ').append(r[0]).append('-').append(r[1]);
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /**
   * Writes the rendered cursor into the older slot, handed to the operating system (it survives a
   * crash of the process); {@code force} also syncs it to the device. Returns the bytes written.
   */
  synchronized int write(String text, boolean force) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    if (body.length > MAX_TEXT_BYTES) {
      throw new IllegalArgumentException("cursor text of " + body.length + " bytes exceeds a slot");
    }
    boolean created = handle == null;
    if (created) {
      handle = openSlots();
    }
    long gen = generation + 1;
    ByteBuffer slot = ByteBuffer.allocate(OVERHEAD_BYTES + body.length);
    slot.putInt(MAGIC).putLong(gen).putInt(body.length).put(body);
    CRC32C crc = new CRC32C();
    crc.update(slot.array(), 0, slot.position());
    slot.putInt((int) crc.getValue());
    slot.flip();
    long at = (gen % 2) * SLOT_BYTES;
    while (slot.hasRemaining()) {
      handle.write(slot, at + slot.position());
    }
    generation = gen;
    if (force || legacyPresent) {
      handle.force();
    }
    if (legacyPresent) {
      io.deleteIfExists(legacy); // the slots are on the device: the old file is no longer needed
      legacyPresent = false;
    }
    return OVERHEAD_BYTES + body.length;
  }

  /** Syncs the last write to the device. */
  synchronized void force() throws IOException {
    if (handle != null) {
      handle.force();
    }
  }

  /** Opens the slot file, making it (a zeroed page, synced with its directory entry) if absent. */
  private FileIo.Handle openSlots() throws IOException {
    if (io.exists(file)) {
      return io.open(file, FileIo.OpenMode.EXISTING);
    }
    FileIo.Handle h = io.open(file, FileIo.OpenMode.CREATE);
    ByteBuffer zeros = ByteBuffer.allocate(2 * SLOT_BYTES);
    while (zeros.hasRemaining()) {
      h.write(zeros, zeros.position());
    }
    h.force();
    io.syncDirectory(file.getParent());
    return h;
  }

  /** Closes the slot file. */
  synchronized void close() throws IOException {
    if (handle != null) {
      handle.close();
      handle = null;
    }
  }

  /** True if this directory holds a cursor, in either format (intact or not). */
  synchronized boolean present() {
    return io.exists(file) || io.exists(legacy);
  }

  /**
   * Marks acknowledged what the cursor says (the slots, and the older versions' file if one is
   * left); reports a lost cursor if records exist without one.
   *
   * @return the highest sequence the cursor names (even one no longer held); 0 if none
   */
  synchronized long restore(Map<StreamKind, Lane> lanes, RecoveryReport.Builder report) throws IOException {
    boolean anyRecords = lanes.values().stream().anyMatch(l -> l.lastSequence() > 0);
    Optional<String> slots = readSlots();
    Optional<String> old = DurableFile.read(io, legacy).filter(t -> t.startsWith(FIRST_LINE));
    legacyPresent = io.exists(legacy);
    if (slots.isEmpty() && old.isEmpty()) {
      if (anyRecords) {
        LOG.warn("journal cursor {} missing or damaged: all held records will be sent again", file);
        report.cursorLost();
      }
      return 0;
    }
    long highest = 0;
    // Every range either names was acknowledged once, and sequences never repeat: both may apply.
    for (String text : List.of(old.orElse(FIRST_LINE), slots.orElse(FIRST_LINE))) {
      highest = Math.max(highest, apply(text, lanes, report));
    }
    return highest;
  }

  private long apply(String text, Map<StreamKind, Lane> lanes, RecoveryReport.Builder report) {
    long highest = 0;
    try {
      for (String line : text.substring(FIRST_LINE.length()).split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        String[] parts = line.split(" ");
        Lane lane = lanes.get(StreamKind.valueOf(parts[0]));
        if (lane == null) {
          continue;  // a lane this version no longer keeps (status, before it left the journal)
        }
        for (int i = 1; i < parts.length; i++) {
          String[] range = parts[i].split("-");
          long to = Long.parseLong(range[1]);
          lane.acknowledgeRange(Long.parseLong(range[0]), to);
          highest = Math.max(highest, to);
        }
      }
    } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
      LOG.warn("journal cursor {} unreadable ({}): records may be sent again", file, e.getMessage());
      report.cursorLost();
    }
    return highest;
  }

  /** The text of the valid slot with the higher generation; remembers that generation. */
  private Optional<String> readSlots() throws IOException {
    if (!io.exists(file)) {
      return Optional.empty();
    }
    byte[] all = io.readAll(file);
    String best = null;
    long bestGen = -1;
    for (int s = 0; s < 2; s++) {
      int at = s * SLOT_BYTES;
      if (all.length < at + OVERHEAD_BYTES) {
        continue;
      }
      ByteBuffer b = ByteBuffer.wrap(all, at, Math.min(SLOT_BYTES, all.length - at)).slice();
      if (b.getInt() != MAGIC) {
        continue;
      }
      long gen = b.getLong();
      int len = b.getInt();
      if (len < 0 || len > MAX_TEXT_BYTES || len > b.remaining() - 4) {
        continue;
      }
      CRC32C crc = new CRC32C();
      crc.update(all, at, 16 + len);
      b.position(16 + len);
      if ((int) crc.getValue() != b.getInt() || gen <= bestGen) {
        continue;
      }
      String text;
      try {
        text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(all, at + 16, len)).toString();
      } catch (java.nio.charset.CharacterCodingException e) {
        continue;
      }
      if (text.startsWith(FIRST_LINE)) {
        best = text;
        bestGen = gen;
      }
    }
    generation = Math.max(generation, bestGen);
    return Optional.ofNullable(best);
  }
}
