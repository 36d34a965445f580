package io.locolink.gateway.framing;

import io.locolink.proto.v1.TractionDrive;
import java.util.List;

/**
 * The five slow values of each traction drive (DC link 0.1 V; winding, bearing, inverter and
 * coolant temperature 0.1 degC) as one list, drives in frame order: what
 * {@code CellPrediction.drive_slow_residual} predicts from the reference frame.
 */
final class DriveSlowValues {

  static final int PER_DRIVE = 5;

  private DriveSlowValues() {}

  static long[] of(List<TractionDrive> drives) {
    long[] out = new long[drives.size() * PER_DRIVE];
    for (int d = 0; d < drives.size(); d++) {
      TractionDrive t = drives.get(d);
      out[d * PER_DRIVE] = t.getDcLinkDv();
      out[d * PER_DRIVE + 1] = t.getWindingTempDc();
      out[d * PER_DRIVE + 2] = t.getBearingTempDc();
      out[d * PER_DRIVE + 3] = t.getInverterTempDc();
      out[d * PER_DRIVE + 4] = t.getCoolantTempDc();
    }
    return out;
  }

  /** {@code drive} without its slow values (they travel predicted). */
  static TractionDrive without(TractionDrive drive) {
    return drive.toBuilder().clearDcLinkDv().clearWindingTempDc().clearBearingTempDc().clearInverterTempDc()
        .clearCoolantTempDc().build();
  }
}
