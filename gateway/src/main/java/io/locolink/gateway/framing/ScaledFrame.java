package io.locolink.gateway.framing;

import java.util.List;

/**
 * A telemetry frame with its delta coding, bit packing and prediction undone, its values left as the
 * scaled integers they travel as (cv = 10 mV, da = 0.1 A, cmh = 0.01 km/h, mv = mV, dc = 0.1 degC,
 * dv = 0.1 V): for a store that keeps them so, without the doubles of {@link DecodedFrame}. The other
 * fields (header, state, genset, position, quality) are read from the frame itself.
 *
 * @param sampleOffsetMs each fast sample's offset from the frame start, ms
 * @param packVoltageCv the pack voltage series
 * @param packCurrentDa the pack current series, positive when discharging
 * @param speedCmh the wheel speed series
 * @param driveCurrentDa each traction drive's current series, drives in frame order
 * @param driveSlow the drives' slow values, five a drive in frame order (DC link dv, winding, bearing,
 *     inverter, coolant dc); null when they travel predicted from a frame not decoded here
 * @param cellMv the cell voltages; empty when not available (see {@code cells})
 * @param cellTempDc the cell temperatures; empty when not available
 * @param cells how the frame carried its cell lists and whether they are here
 */
public record ScaledFrame(long[] sampleOffsetMs, long[] packVoltageCv, long[] packCurrentDa, long[] speedCmh,
    List<long[]> driveCurrentDa, long[] driveSlow, long[] cellMv, long[] cellTempDc, CellSource cells) {

  /** Slow values per drive in {@link #driveSlow}. */
  public static final int SLOW_PER_DRIVE = DriveSlowValues.PER_DRIVE;
}
