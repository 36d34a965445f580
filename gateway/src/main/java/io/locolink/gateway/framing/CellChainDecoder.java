package io.locolink.gateway.framing;

import io.locolink.proto.v1.TelemetryFrame;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes telemetry frames as a ground receives them, remembering the cell lists of the last few
 * frames of each locomotive and boot so that frames predicted from them decode in full. A frame
 * whose reference was lost, never decoded, or forgotten decodes without its cell lists, and
 * {@link DecodedFrame#cells()} names the frame it needed; every later frame of that chain does the
 * same until the next key frame. Frames of a backlog arriving after the live ones decode as long as
 * their reference is still remembered. Memory is bounded: {@value #FRAMES_PER_BOOT} frames per
 * locomotive and boot, {@code maxBoots} boots (least recently used forgotten first). Thread-safe.
 */
public final class CellChainDecoder {

  /** Frames remembered per locomotive and boot. */
  public static final int FRAMES_PER_BOOT = 8;

  private final Map<String, Map<Long, TelemetryFrameDecoder.CellLists>> chains;

  /** @param maxBoots how many (locomotive, boot) chains to remember at most */
  public CellChainDecoder(int maxBoots) {
    this.chains = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Map<Long, TelemetryFrameDecoder.CellLists>> eldest) {
        return size() > maxBoots;
      }
    };
  }

  /**
   * Parses and decodes a frame.
   *
   * @throws MalformedMessageException if the bytes are not a telemetry frame or its cell lists are corrupt
   */
  public DecodedFrame decode(byte[] bytes) {
    try {
      return decode(TelemetryFrame.parseFrom(bytes));
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedMessageException("not a locolink.v1.TelemetryFrame: " + e.getMessage(), e);
    }
  }

  /** Decodes a parsed frame, its predicted cells too when their reference frame was decoded here. */
  public DecodedFrame decode(TelemetryFrame f) {
    return TelemetryFrameDecoder.decode(f, cellLists(f));
  }

  /**
   * Decodes a parsed frame to its scaled integers, its predicted cells too when their reference frame was
   * decoded here (by either method).
   *
   * @throws MalformedMessageException if its cell lists are corrupt
   */
  public ScaledFrame decodeScaled(TelemetryFrame f) {
    return TelemetryFrameDecoder.scaled(f, cellLists(f));
  }

  /** The frame's cell lists, from the frame or predicted from a remembered one; remembers them. */
  private synchronized TelemetryFrameDecoder.CellLists cellLists(TelemetryFrame f) {
    TelemetryFrameDecoder.CellLists cells = TelemetryFrameDecoder.keyCells(f);
    var h = f.getHeader();
    Map<Long, TelemetryFrameDecoder.CellLists> chain = chains.computeIfAbsent(h.getLocomotiveId() + "\u0000"
        + h.getBootId(), k -> new LinkedHashMap<>(16, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, TelemetryFrameDecoder.CellLists> eldest) {
            return size() > FRAMES_PER_BOOT;
          }
        });
    CellSource source = cells.source();
    if (source.kind().equals("PREDICTED")) {
      TelemetryFrameDecoder.CellLists reference = chain.get(source.referenceSequence());
      if (reference != null) {
        var p = f.getBattery().getCellPrediction();
        try {
          long[] drives = p.getDriveSlowResidual().isEmpty() ? DriveSlowValues.of(f.getDrivesList())
              : ResidualCoding.decode(p.getDriveSlowResidual().toByteArray(), reference.drives());
          cells = new TelemetryFrameDecoder.CellLists(
              ResidualCoding.decode(p.getMvResidual().toByteArray(), reference.mv()),
              ResidualCoding.decode(p.getTempDcResidual().toByteArray(), reference.dc()), drives,
              CellSource.predicted(source.keySequence(), source.referenceSequence(), true));
        } catch (IllegalArgumentException e) {
          throw new MalformedMessageException("predicted cell lists in telemetry frame " + h.getSequence()
              + " are corrupt: " + e.getMessage(), e);
        }
      }
    }
    if (cells.source().available()) {
      chain.put(h.getSequence(), cells);
    }
    return cells;
  }
}
