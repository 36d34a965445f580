package io.locolink.gateway.framing;

import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.estimation.Estimates;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every telemetry frame at or under a maximum encoded size ({@code framing.maxMessageBytes}),
 * so no broker's message limit can refuse one: the snapshots of a frame that would be larger are
 * split in two halves, each its own frame with its own sequence number, again until every part
 * fits. No reading is dropped. A single snapshot that alone exceeds the maximum (only possible
 * with a maximum far below the configured hardware) is framed anyway and logged; the uplink sets
 * it aside if the broker refuses it. Used by the framing thread only.
 */
public final class BoundedFrameEncoder {

  private static final Logger LOG = LoggerFactory.getLogger(BoundedFrameEncoder.class);

  private final int maxBytes;
  private final CellPredictor cells;
  private long splits;

  /**
   * @param maxBytes largest encoded frame, bytes
   * @param cells the boot's cell predictor
   */
  public BoundedFrameEncoder(int maxBytes, CellPredictor cells) {
    if (maxBytes < 256) {
      throw new IllegalArgumentException("a frame needs at least 256 bytes, got " + maxBytes);
    }
    this.maxBytes = maxBytes;
    this.cells = cells;
  }

  /**
   * Frames {@code snapshots} (in order, at least one) as one frame or, when that would exceed the
   * maximum, several, each no larger; the frames come in the order they must be stored.
   *
   * @param firstHeader the header of the first frame (its time the first snapshot's)
   * @param nextHeader the header of a further frame starting at the given snapshot; it is asked
   *     only when a frame is split, after the frames before it were framed, so sequence numbers
   *     follow the order of the frames
   */
  public List<Frame> encode(HeaderFields firstHeader, List<Snapshot> snapshots, Estimates estimates,
      Function<Snapshot, HeaderFields> nextHeader) {
    List<Frame> out = new ArrayList<>(1);
    encode(firstHeader, snapshots, estimates, nextHeader, out);
    return out;
  }

  private void encode(HeaderFields header, List<Snapshot> snapshots, Estimates estimates,
      Function<Snapshot, HeaderFields> nextHeader, List<Frame> out) {
    CellPredictor.Mark before = cells.mark();
    byte[] bytes = TelemetryFrameEncoder.encode(header, snapshots, estimates, cells).toByteArray();
    if (bytes.length <= maxBytes) {
      out.add(new Frame(header.sequence(), bytes));
      return;
    }
    if (snapshots.size() == 1) {
      LOG.warn("telemetry frame {} is {} bytes with one sample, over framing.maxMessageBytes {}; sent as it is",
          header.sequence(), bytes.length, maxBytes);
      out.add(new Frame(header.sequence(), bytes));
      return;
    }
    cells.restore(before);
    splits++;
    int half = snapshots.size() / 2;
    encode(header, snapshots.subList(0, half), estimates, nextHeader, out);
    List<Snapshot> rest = snapshots.subList(half, snapshots.size());
    encode(nextHeader.apply(rest.get(0)), rest, estimates, nextHeader, out);
  }

  /**
   * One encoded frame.
   *
   * @param sequence its header's sequence number
   * @param bytes the encoded {@code locolink.v1.TelemetryFrame}
   */
  public record Frame(long sequence, byte[] bytes) {}

  /** Frames split so far because they would have exceeded the maximum. */
  public long splits() {
    return splits;
  }
}
