package io.locolink.ground.store;

import java.util.Objects;

/**
 * One second of one locomotive's telemetry, as stored in {@code frame_second}: scaled integers in
 * the units their names end in (pm = per mille, cv = 10 mV, da = 0.1 A, hw = 0.1 kW, mv = mV,
 * dc = 0.1 degC, cmh = 0.01 km/h, e7 = degrees x 10^7). A null is a quantity the frame did not
 * carry (no genset, no fix, no cells).
 *
 * @param timeMs start of the second, Unix milliseconds (a multiple of 1000)
 * @param quality OR of the quality flag bits of the frame's flagged channels
 * @param flags bit 0 historical (sent from the backlog), bits 1-2 the clock quality number
 */
public record SecondRow(
    long timeMs,
    Long odometerM,
    Integer packCv,
    Integer packDa,
    Integer packDaMin,
    Integer packDaMax,
    Integer packHw,
    Integer driveHw,
    Integer gensetHw,
    Integer fuelMlPerMin,
    Integer speedCmh,
    Integer latitudeE7,
    Integer longitudeE7,
    Integer insulationKohm,
    int quality,
    Integer socPm,
    Integer socUncertaintyPm,
    Integer sohPm,
    Integer bmsSocPm,
    Integer cellMinMv,
    Integer cellMinIndex,
    Integer cellMaxMv,
    Integer cellMaxIndex,
    Integer cellTempMinDc,
    Integer cellTempMaxDc,
    Integer cellTempMaxIndex,
    Integer windingMaxDc,
    Integer inverterMaxDc,
    Integer bearingMaxDc,
    int flags) {

  /** Bit of {@link #flags()} set for a row from a frame sent from the gateway's backlog. */
  public static final int HISTORICAL = 1;

  public SecondRow {
    if (timeMs % 1000 != 0) {
      throw new IllegalArgumentException("a second row starts on a whole second, got " + timeMs + " ms");
    }
    for (Integer small : new Integer[] {socPm, socUncertaintyPm, sohPm, bmsSocPm, cellMinMv, cellMinIndex,
        cellMaxMv, cellMaxIndex, cellTempMinDc, cellTempMaxDc, cellTempMaxIndex, windingMaxDc, inverterMaxDc,
        bearingMaxDc}) {
      if (small != null && (small < Short.MIN_VALUE || small > Short.MAX_VALUE)) {
        throw new IllegalArgumentException("value " + small + " does not fit the store's 16-bit column");
      }
    }
    Objects.checkIndex(flags, 1 << 15);
  }

  /** True when the frame was sent from the gateway's backlog after an outage. */
  public boolean historical() {
    return (flags & HISTORICAL) != 0;
  }
}
