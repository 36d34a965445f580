package io.locolink.ground.ingest;

import io.locolink.gateway.framing.FlaggedValues;
import io.locolink.gateway.framing.ScaledFrame;
import io.locolink.gateway.framing.TelemetryFrameDecoder;
import io.locolink.ground.store.SecondRow;
import io.locolink.proto.v1.Channel;
import io.locolink.proto.v1.ChannelQuality;
import io.locolink.proto.v1.TelemetryFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Turns a telemetry frame into its per-second rows: the frame's fast samples are cut into whole
 * seconds from the frame's start (a 1 s frame is one row, a 5 s frame five), each row carrying the
 * mean (and, for the pack current, the extremes) of its samples and the frame's slow values (state,
 * cells, drives, genset, position), which hold for the whole frame. The cells' extremes and the
 * drives' hottest temperatures are taken over the values the frame's quality entries leave
 * unflagged; with none, the row has none. A measured value whose channel the frame flags (the pack's
 * voltage or current, a drive's DC link voltage or current for the drives' power, wheel speed,
 * insulation, the BMS's SoC, the genset, fuel flow) is none as well, and so is a power worked out
 * from it. Series and cell lists are undone by the gateway's own {@link TelemetryFrameDecoder} into
 * the scaled integers they travel as ({@link ScaledFrame}), scalar fields are read as such from the
 * frame: the stored integers are the wire's, never a double converted back. Means and powers are
 * worked out from integer sums and rounded once, halves up. Stateless.
 */
final class TelemetryRows {

  private TelemetryRows() {}

  /**
   * The rows of one frame.
   *
   * @throws io.locolink.gateway.framing.MalformedMessageException if the frame's lists are corrupt
   * @throws IllegalArgumentException if a value does not fit the store's columns
   * @throws ArithmeticException if a sum of the frame's values overflows 64 bits
   */
  static List<SecondRow> of(TelemetryFrame f) {
    return of(f, TelemetryFrameDecoder.decodeScaled(f));
  }

  /**
   * The rows of one frame already decoded (by a {@link io.locolink.gateway.framing.CellChainDecoder},
   * which fills in cells and drive values predicted from earlier frames). Values the frame could not
   * give (predicted from a frame not received) are null; cell extremes then come from the frame's
   * cell statistics (which the gateway takes over its good cells, leaving the voltages out when none
   * was good).
   */
  static List<SecondRow> of(TelemetryFrame f, ScaledFrame d) {
    long start = f.getHeader().getTimeUnixMs();
    long[] offsets = d.sampleOffsetMs();
    int chunks = 1;
    for (long o : offsets) {
      chunks = (int) Math.max(chunks, Math.min(o / 1000 + 1, 3600));
    }
    Slow slow = Slow.of(f, d);
    if (chunks == 1) {  // the usual 1 s frame: every sample in the one row
      Fast fast = new Fast(d.driveCurrentDa().size());
      for (int i = 0; i < offsets.length; i++) {
        fast.add(d, i);
      }
      return List.of(slow.row(Math.floorDiv(start, 1000L) * 1000L, fast));
    }
    List<SecondRow> rows = new ArrayList<>(chunks);
    for (int k = 0; k < chunks; k++) {
      Fast fast = new Fast(d.driveCurrentDa().size());
      for (int i = 0; i < offsets.length; i++) {
        if (Math.min(offsets[i] / 1000, 3599) == k) {
          fast.add(d, i);
        }
      }
      long second = Math.floorDiv(start + k * 1000L, 1000L) * 1000L;
      rows.add(slow.row(second, fast));
    }
    return rows;
  }

  /** Sums of one second's fast samples. */
  private static final class Fast {
    long n;
    long cvSum;
    long cvN;
    long daSum;
    long daN;
    long daMin = Long.MAX_VALUE;
    long daMax = Long.MIN_VALUE;
    /** Sum of voltage × current, each sample's in 10 mV × 0.1 A = 1 mW. */
    long cvDaSum;
    long cvDaN;
    long cmhSum;
    long cmhN;
    /** Per drive: the sum of its currents in 0.1 A and their count. */
    final long[] driveDaSum;
    final long[] driveN;

    Fast(int drives) {
      driveDaSum = new long[drives];
      driveN = new long[drives];
    }

    void add(ScaledFrame d, int i) {
      n++;
      boolean hasCv = i < d.packVoltageCv().length;
      boolean hasDa = i < d.packCurrentDa().length;
      long cv = hasCv ? d.packVoltageCv()[i] : 0;
      long da = hasDa ? d.packCurrentDa()[i] : 0;
      if (hasCv) {
        cvSum += cv;
        cvN++;
      }
      if (hasDa) {
        daSum += da;
        daN++;
        daMin = Math.min(daMin, da);
        daMax = Math.max(daMax, da);
      }
      if (hasCv && hasDa) {
        cvDaSum = Math.addExact(cvDaSum, Math.multiplyExact(cv, da));
        cvDaN++;
      }
      if (i < d.speedCmh().length) {
        cmhSum += d.speedCmh()[i];
        cmhN++;
      }
      for (int k = 0; k < driveN.length; k++) {
        long[] currents = d.driveCurrentDa().get(k);
        if (i < currents.length) {
          driveDaSum[k] = Math.addExact(driveDaSum[k], currents[i]);
          driveN[k]++;
        }
      }
    }
  }

  /** The frame-wide values every row of the frame carries. */
  private record Slow(TelemetryFrame f, ScaledFrame d, FlaggedValues flagged, Integer cellMinMv,
      Integer cellMinIndex, Integer cellMaxMv, Integer cellMaxIndex, Integer tempMinDc, Integer tempMaxDc,
      Integer tempMaxIndex, int quality, int flags) {

    static Slow of(TelemetryFrame f, ScaledFrame d) {
      FlaggedValues flagged = FlaggedValues.of(f);
      Integer minMv = null;
      Integer minI = null;
      Integer maxMv = null;
      Integer maxI = null;
      long[] cells = d.cellMv();
      int[] e = extremes(cells, i -> flagged.good(Channel.CHANNEL_CELL_VOLTAGE, i));
      if (e != null) {
        minMv = e[0];
        minI = e[1];
        maxMv = e[2];
        maxI = e[3];
      }
      if (cells.length == 0 && f.hasState() && f.getState().getCells().hasMinMv()) {
        var c = f.getState().getCells();  // no good cell voltage: the gateway leaves them out, unknown
        minMv = c.getMinMv();
        minI = c.getMinIndex();
        maxMv = c.getMaxMv();
        maxI = c.getMaxIndex();
      }
      Integer tMin = null;
      Integer tMax = null;
      Integer tMaxI = null;
      long[] temps = d.cellTempDc();
      e = extremes(temps, i -> flagged.good(Channel.CHANNEL_CELL_TEMPERATURE, i));
      if (e != null) {
        tMin = e[0];
        tMax = e[2];
        tMaxI = e[3];
      }
      if (temps.length == 0 && TelemetryFrameDecoder.cellTemperaturesKnown(f.getState().getCells())) {
        var c = f.getState().getCells();
        tMin = c.getMinTempDc();
        tMax = c.getMaxTempDc();
        tMaxI = c.getMaxTempIndex();
      }
      int quality = 0;
      for (ChannelQuality q : f.getQualityList()) {
        quality |= q.getFlags();
      }
      int flags = (f.getHeader().getHistorical() ? SecondRow.HISTORICAL : 0)
          | (f.getHeader().getClockQualityValue() & 0x3) << 1;
      return new Slow(f, d, flagged, minMv, minI, maxMv, maxI, tMin, tMax, tMaxI, quality, flags);
    }

    /**
     * The lowest and highest of the {@code good} ones of {@code values} and their first indexes:
     * {lowest, its index, highest, its index}; null when none is good.
     */
    private static int[] extremes(long[] values, IntPredicate good) {
      long lo = Long.MAX_VALUE;
      long hi = Long.MIN_VALUE;
      int loI = -1;
      int hiI = -1;
      for (int i = 0; i < values.length; i++) {
        if (!good.test(i)) {
          continue;
        }
        long v = values[i];
        if (v < lo) {
          lo = v;
          loI = i;
        }
        if (v > hi) {
          hi = v;
          hiI = i;
        }
      }
      return loI < 0 ? null : new int[] {Math.toIntExact(lo), loI, Math.toIntExact(hi), hiI};
    }

    SecondRow row(long second, Fast fast) {
      var b = f.hasBattery() ? f.getBattery() : null;
      var s = f.hasState() ? f.getState() : null;
      Integer windingMax = null;
      Integer inverterMax = null;
      Integer bearingMax = null;
      Integer driveHw = null;
      long[] slow = d.driveSlow();  // the slow values may travel predicted from the previous frame
      // The drives' power: the sum over drives of DC link voltage × mean current, in 0.1 V × 0.1 A =
      // 0.01 W, kept as the exact fraction driveNum / driveDen (the drives' sample counts may differ).
      long driveNum = 0;
      long driveDen = 1;
      boolean drivesGood = true;  // a drive's flagged voltage or current leaves the drives' sum unknown
      for (int k = 0; slow != null && k < f.getDrivesCount(); k++) {
        int at = k * ScaledFrame.SLOW_PER_DRIVE;
        int drive = f.getDrives(k).getIndex();  // the quality entries' index of a drive's values
        windingMax = maxIfGood(windingMax, slow[at + 1], Channel.CHANNEL_WINDING_TEMPERATURE, drive);
        bearingMax = maxIfGood(bearingMax, slow[at + 2], Channel.CHANNEL_BEARING_TEMPERATURE, drive);
        inverterMax = maxIfGood(inverterMax, slow[at + 3], Channel.CHANNEL_INVERTER_TEMPERATURE, drive);
        drivesGood &= flagged.good(Channel.CHANNEL_DC_LINK_VOLTAGE, drive)
            && flagged.good(Channel.CHANNEL_DRIVE_CURRENT, drive);
        long n = fast.driveN[k];
        if (n > 0) {
          long dvDa = Math.multiplyExact((long) toInt(slow[at]), fast.driveDaSum[k]);
          long g = gcd(driveDen, n);
          driveNum = Math.addExact(Math.multiplyExact(driveNum, n / g), Math.multiplyExact(dvDa, driveDen / g));
          driveDen = Math.multiplyExact(driveDen / g, n);
          driveHw = 0;
        }
      }
      if (driveHw != null && !drivesGood) {
        driveHw = null;
      } else if (driveHw != null) {
        driveHw = toInt(roundedQuotient(driveNum, Math.multiplyExact(driveDen, 10_000L)));  // 0.01 W to 100 W
      }
      var g = f.hasGenset() ? f.getGenset() : null;
      var m = f.hasMotion() ? f.getMotion() : null;
      var p = m != null && m.hasPosition() ? m.getPosition() : null;
      // a quality entry flags a fast channel for the whole frame (the wire does not say which
      // sample), so a flagged channel leaves every second of the frame without its mean or extremes
      boolean cvGood = fast.cvN > 0 && flagged.good(Channel.CHANNEL_PACK_VOLTAGE, 0);
      boolean daGood = fast.daN > 0 && flagged.good(Channel.CHANNEL_PACK_CURRENT, 0);
      boolean gensetGood = g != null && flagged.good(Channel.CHANNEL_GENSET, 0);
      return new SecondRow(second,
          m == null ? null : m.getOdometerM(),
          cvGood ? toInt(Math.round((double) fast.cvSum / fast.cvN)) : null,
          daGood ? toInt(Math.round((double) fast.daSum / fast.daN)) : null,
          daGood ? toInt(fast.daMin) : null,
          daGood ? toInt(fast.daMax) : null,
          fast.cvDaN > 0 && cvGood && daGood
              ? toInt(roundedQuotient(fast.cvDaSum, fast.cvDaN * 100_000L)) : null,  // mW to 100 W
          driveHw,
          gensetGood ? g.getPowerKwX10() : null,
          g != null && flagged.good(Channel.CHANNEL_FUEL_FLOW, 0)
              ? toInt(Integer.toUnsignedLong(g.getFuelFlowMlPerMin())) : null,
          fast.cmhN > 0 && flagged.good(Channel.CHANNEL_WHEEL_SPEED, 0)
              ? toInt(Math.round((double) fast.cmhSum / fast.cmhN)) : null,
          p == null ? null : p.getLatitudeE7(),
          p == null ? null : p.getLongitudeE7(),
          b != null && flagged.good(Channel.CHANNEL_INSULATION, 0)
              ? toInt(Integer.toUnsignedLong(b.getInsulationKohm())) : null,
          quality,
          s == null ? null : toInt(Integer.toUnsignedLong(s.getSocPermille())),
          s == null ? null : toInt(Integer.toUnsignedLong(s.getSocUncertaintyPermille())),
          s == null ? null : toInt(Integer.toUnsignedLong(s.getSohPermille())),
          b != null && flagged.good(Channel.CHANNEL_BMS, 0)
              ? toInt(Integer.toUnsignedLong(b.getBmsSocPermille())) : null,
          cellMinMv, cellMinIndex, cellMaxMv, cellMaxIndex, tempMinDc, tempMaxDc, tempMaxIndex,
          windingMax, inverterMax, bearingMax, flags);
    }

    /** {@code num / den} rounded to the nearest integer, halves up, as {@link Math#round(double)} does; {@code den > 0}. */
    private static long roundedQuotient(long num, long den) {
      return Math.floorDiv(Math.addExact(Math.multiplyExact(num, 2L), den), Math.multiplyExact(den, 2L));
    }

    private static long gcd(long a, long b) {
      return b == 0 ? a : gcd(b, a % b);
    }

    /** The greater of {@code max} (null for none yet) and {@code value}, or {@code max} when the frame flags the value. */
    private Integer maxIfGood(Integer max, long value, Channel channel, int index) {
      if (!flagged.good(channel, index)) {
        return max;
      }
      return max == null ? toInt(value) : Math.max(max, toInt(value));
    }

    private static int toInt(long v) {
      if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("value " + v + " does not fit the store's 32-bit column");
      }
      return (int) v;
    }
  }
}
