package io.locolink.gateway.journal;

import io.locolink.gateway.framing.StreamKind;
import io.locolink.gateway.storage.FileIo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The acknowledgement cursor on disk: per stream, the ranges of sequences the broker acknowledged
 * among the records still held. Replaced atomically; a missing or damaged file means "nothing
 * acknowledged" (everything is sent again), never a failed start.
 */
final class CursorStore {

  private static final Logger LOG = LoggerFactory.getLogger(CursorStore.class);
  private static final String FIRST_LINE = "locolink-journal-cursor 1\n";

  private final FileIo io;
  private final Path file;

  CursorStore(FileIo io, Path file) {
    this.io = io;
    this.file = file;
  }

  /** The cursor text for the lanes' current acknowledgements. Caller holds the journal lock. */
  static String render(Map<StreamKind, Lane> lanes) {
    StringBuilder sb = new StringBuilder(FIRST_LINE);
    for (Lane lane : lanes.values()) {
      sb.append(lane.kind().name());
      for (long[] r : lane.acknowledgedRanges()) {
        sb.append(' ').append(r[0]).append('-').append(r[1]);
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** Writes the rendered cursor; returns the bytes written. */
  int write(String text) throws IOException {
    return DurableFile.write(io, file, text);
  }

  /**
   * Marks acknowledged what the file says; reports a lost cursor if records exist without one.
   *
   * @return the highest sequence the file names (even one no longer held); 0 if none
   */
  long restore(Map<StreamKind, Lane> lanes, RecoveryReport.Builder report) throws IOException {
    boolean anyRecords = lanes.values().stream().anyMatch(l -> l.lastSequence() > 0);
    Optional<String> text = DurableFile.read(io, file);
    if (text.isEmpty() || !text.get().startsWith(FIRST_LINE)) {
      if (anyRecords) {
        LOG.warn("journal cursor {} missing or damaged: all held records will be sent again", file);
        report.cursorLost();
      }
      return 0;
    }
    long highest = 0;
    try {
      for (String line : List.of(text.get().substring(FIRST_LINE.length()).split("\n"))) {
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
}
