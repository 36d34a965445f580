package io.locolink.gateway.framing;

import io.locolink.proto.v1.BatteryPack;
import io.locolink.proto.v1.CellPrediction;
import com.google.protobuf.ByteString;

/**
 * The gateway's side of cell prediction: remembers the cell lists of the last telemetry frame it
 * framed and decides which frames are key frames (cell lists in full) and which carry their cells
 * as the change from the previous frame. A key frame comes first, then at least every
 * {@code keyIntervalFrames} frames, and whenever the cell count changes or {@link #reset()} was
 * called. One per boot; used by the framing thread only.
 */
public final class CellPredictor {

  private final int keyIntervalFrames;
  private long[] referenceMv;
  private long[] referenceDc;
  private long[] referenceDrives;
  private long referenceSequence;
  private long keySequence;
  private int sinceKey;

  /** @param keyIntervalFrames frames from one key frame to the next; 1 makes every frame a key frame */
  public CellPredictor(int keyIntervalFrames) {
    if (keyIntervalFrames < 1) {
      throw new IllegalArgumentException("key frame interval must be at least 1 frame, got " + keyIntervalFrames);
    }
    this.keyIntervalFrames = keyIntervalFrames;
  }

  /** A predictor that makes every frame a key frame (frames as written before cell prediction). */
  public static CellPredictor keyFramesOnly() {
    return new CellPredictor(1);
  }

  /**
   * Forgets the reference, so the next frame is a key frame: call it when a framed frame was not
   * stored, or the ground could never decode the frames predicted from it.
   */
  public void reset() {
    referenceMv = null;
    referenceDc = null;
    referenceDrives = null;
  }

  /** What the predictor remembers, to go back to when a framed frame is thrown away unstored. */
  record Mark(long[] referenceMv, long[] referenceDc, long[] referenceDrives, long referenceSequence,
      long keySequence, int sinceKey) {}

  Mark mark() {
    return new Mark(referenceMv, referenceDc, referenceDrives, referenceSequence, keySequence, sinceKey);
  }

  void restore(Mark m) {
    referenceMv = m.referenceMv();
    referenceDc = m.referenceDc();
    referenceDrives = m.referenceDrives();
    referenceSequence = m.referenceSequence();
    keySequence = m.keySequence();
    sinceKey = m.sinceKey();
  }

  /**
   * Puts the cell lists of the frame with {@code sequence} into {@code pack}, in full (key frame) or
   * predicted; in a predicted frame the drives' slow values are predicted too, and the caller leaves
   * them out of the drives.
   *
   * @return true when the frame is predicted
   */
  boolean code(long sequence, long[] mv, long[] dc, long[] drives, BatteryPack.Builder pack) {
    boolean key = referenceMv == null || sinceKey + 1 >= keyIntervalFrames || sequence <= referenceSequence
        || mv.length != referenceMv.length || dc.length != referenceDc.length
        || drives.length != referenceDrives.length;
    if (key) {
      pack.setCellMvPacked(ByteString.copyFrom(BitPacking.pack(mv)));
      pack.setCellTempDcPacked(ByteString.copyFrom(BitPacking.pack(dc)));
      keySequence = sequence;
      sinceKey = 0;
    } else {
      CellPrediction.Builder p = CellPrediction.newBuilder()
          .setReferenceBack(sequence - referenceSequence)
          .setKeyBack(sequence - keySequence)
          .setMvResidual(ByteString.copyFrom(ResidualCoding.encode(mv, referenceMv)))
          .setTempDcResidual(ByteString.copyFrom(ResidualCoding.encode(dc, referenceDc)));
      if (drives.length > 0) {
        p.setDriveSlowResidual(ByteString.copyFrom(ResidualCoding.encode(drives, referenceDrives)));
      }
      pack.setCellPrediction(p);
      sinceKey++;
    }
    referenceMv = mv;
    referenceDc = dc;
    referenceDrives = drives;
    referenceSequence = sequence;
    return !key && drives.length > 0;
  }
}
