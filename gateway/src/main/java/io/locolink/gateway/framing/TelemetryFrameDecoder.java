package io.locolink.gateway.framing;

import io.locolink.proto.v1.BatteryState;
import io.locolink.proto.v1.ChannelQuality;
import io.locolink.proto.v1.QualityFlag;
import io.locolink.proto.v1.TelemetryFrame;
import io.locolink.proto.v1.TractionDrive;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;

/**
 * Undoes {@link TelemetryFrameEncoder}'s delta coding and scaling. Stateless: a frame whose cells
 * are predicted from an earlier frame decodes without them ({@link DecodedFrame#cells()} says so);
 * {@link CellChainDecoder} remembers earlier frames and fills them in.
 */
public final class TelemetryFrameDecoder {

  private TelemetryFrameDecoder() {}

  /**
   * Parses and decodes a frame.
   *
   * @throws MalformedMessageException if the bytes are not a telemetry frame
   */
  public static DecodedFrame decode(byte[] bytes) {
    try {
      return decode(TelemetryFrame.parseFrom(bytes));
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedMessageException("not a locolink.v1.TelemetryFrame: " + e.getMessage(), e);
    }
  }

  /** Decodes a parsed frame; predicted cells come back empty, as {@link DecodedFrame#cells()} says. */
  public static DecodedFrame decode(TelemetryFrame f) {
    return decode(f, keyCells(f));
  }

  /**
   * Decodes a parsed frame to its scaled integers; predicted cells come back empty, as
   * {@link ScaledFrame#cells()} says.
   */
  public static ScaledFrame decodeScaled(TelemetryFrame f) {
    return scaled(f, keyCells(f));
  }

  /** Cell lists in whole mV and 0.1 degC with where they came from, as far as the frame alone tells. */
  static CellLists keyCells(TelemetryFrame f) {
    var b = f.getBattery();
    long sequence = f.getHeader().getSequence();
    if (b.hasCellPrediction() && b.getCellMvPacked().isEmpty()) {
      var p = b.getCellPrediction();
      return new CellLists(new long[0], new long[0], null,
          CellSource.predicted(sequence - p.getKeyBack(), sequence - p.getReferenceBack(), false));
    }
    long[] drives = DriveSlowValues.of(f.getDrivesList());
    if (b.getCellMvPacked().isEmpty() && b.getCellMvDeltaCount() == 0 && b.getCellTempDcPacked().isEmpty()
        && b.getCellTempDcDeltaCount() == 0) {
      return new CellLists(new long[0], new long[0], drives, CellSource.none());
    }
    return new CellLists(cells(b.getCellMvPacked(), b.getCellMvDeltaList()),
        cells(b.getCellTempDcPacked(), b.getCellTempDcDeltaList()), drives, CellSource.key(sequence));
  }

  /**
   * Cell voltages in mV, temperatures in 0.1 degC, the drives' slow values (see
   * {@link DriveSlowValues}; null when they were predicted and could not be decoded), and how the
   * frame carried them.
   */
  record CellLists(long[] mv, long[] dc, long[] drives, CellSource source) {}

  /** {@link #scaled} in the units of {@link DecodedFrame}, with the fields the frame carries as they are. */
  static DecodedFrame decode(TelemetryFrame f, CellLists cells) {
    ScaledFrame scaled = scaled(f, cells);
    var h = f.getHeader();
    var b = f.getBattery();
    List<DecodedFrame.Drive> drives = new ArrayList<>();
    for (int i = 0; i < f.getDrivesCount(); i++) {
      TractionDrive d = f.getDrives(i);
      double[] slow = new double[DriveSlowValues.PER_DRIVE];
      for (int k = 0; k < slow.length; k++) {
        slow[k] = scaled.driveSlow() == null ? Double.NaN : scaled.driveSlow()[i * DriveSlowValues.PER_DRIVE + k] / 10.0;
      }
      drives.add(new DecodedFrame.Drive(d.getIndex(), scale(scaled.driveCurrentDa().get(i), 10),
          scale(DeltaCoding.decode(d.getSpeedRpmDeltaList()), 1), slow[0], slow[1], slow[2], slow[3], slow[4]));
    }
    DecodedFrame.Genset genset = null;
    if (f.hasGenset()) {
      var g = f.getGenset();
      genset = new DecodedFrame.Genset(g.getRunning(), g.getEngineRpm(), g.getPowerKwX10() / 10.0,
          g.getFuelFlowMlPerMin() * 60 / 1000.0, g.getFuelUsedMl() / 1000.0, g.getCoolantTempDc() / 10.0);
    }
    var m = f.getMotion();
    DecodedFrame.Position position = null;
    if (m.hasPosition()) {
      var p = m.getPosition();
      position = new DecodedFrame.Position(p.getLatitudeE7() / 1e7, p.getLongitudeE7() / 1e7, p.getFixAgeMs(),
          p.getFixQuality(), p.getSatellites());
    }
    return new DecodedFrame(h.getLocomotiveId(), h.getBootId(), h.getSequence(), h.getTimeUnixMs(),
        h.getClockQuality().name(), h.getHistorical(), f.getSpanMs(), scaled.sampleOffsetMs(),
        scale(scaled.packVoltageCv(), 100),
        scale(scaled.packCurrentDa(), 10),
        scale(scaled.cellMv(), 1000),
        scale(scaled.cellTempDc(), 10),
        b.getBmsSocPermille() / 10.0, b.getBmsSohPermille() / 10.0, b.getInsulationKohm(),
        b.getContactor().name(), drives, genset,
        scale(scaled.speedCmh(), 100), m.getOdometerM(), position,
        state(f.getState()), quality(f.getQualityList()), scaled.cells());
  }

  /** Undoes the delta coding of every series but the drives' speeds (not kept as scaled integers). */
  static ScaledFrame scaled(TelemetryFrame f, CellLists cells) {
    var b = f.getBattery();
    List<long[]> driveCurrents = new ArrayList<>(f.getDrivesCount());
    for (int i = 0; i < f.getDrivesCount(); i++) {
      driveCurrents.add(DeltaCoding.decode(f.getDrives(i).getCurrentDaDeltaList()));
    }
    List<Integer> offsetList = f.getSampleOffsetMsList();
    long[] offsets = new long[offsetList.size()];
    for (int i = 0; i < offsets.length; i++) {
      offsets[i] = Integer.toUnsignedLong(offsetList.get(i));
    }
    return new ScaledFrame(offsets, DeltaCoding.decode(b.getVoltageCvDeltaList()),
        DeltaCoding.decode(b.getCurrentDaDeltaList()), DeltaCoding.decode(f.getMotion().getSpeedCmhDeltaList()),
        driveCurrents, cells.drives(), cells.mv(), cells.dc(), cells.source());
  }

  /** Cells from the bit-packed field, or from the varint list of frames written before it. */
  private static long[] cells(com.google.protobuf.ByteString packed, List<Integer> legacy) {
    if (packed.isEmpty()) {
      return DeltaCoding.decode(legacy);
    }
    try {
      return BitPacking.unpack(packed.toByteArray());
    } catch (IllegalArgumentException e) {
      throw new MalformedMessageException("cell list in a telemetry frame is corrupt: " + e.getMessage(), e);
    }
  }

  private static DecodedFrame.State state(BatteryState s) {
    var c = s.getCells();
    return new DecodedFrame.State(s.getSocPermille() / 10.0, s.getSocUncertaintyPermille() / 10.0,
        s.getSohPermille() / 10.0, c.hasMinMv() ? c.getMinMv() / 1000.0 : Double.NaN,
        c.hasMinMv() ? c.getMinIndex() : -1, c.hasMaxMv() ? c.getMaxMv() / 1000.0 : Double.NaN,
        c.hasMaxMv() ? c.getMaxIndex() : -1, c.hasMeanMv() ? c.getMeanMv() / 1000.0 : Double.NaN,
        cellTemperaturesKnown(c) ? c.getMinTempDc() / 10.0 : Double.NaN,
        cellTemperaturesKnown(c) ? c.getMaxTempDc() / 10.0 : Double.NaN,
        s.getTripConsumedWh(), s.getTripRegeneratedWh(), s.getTodayConsumedWh(), s.getTodayRegeneratedWh(),
        s.getActiveAlarms(), s.getHighestAlarmTier(), s.getCo2AvoidedGToday());
  }

  /**
   * True when {@code c} holds the cells' temperature extremes: any of its temperature fields is
   * present (with no good sensor the gateway leaves them all out).
   */
  public static boolean cellTemperaturesKnown(io.locolink.proto.v1.CellStats c) {
    return c.hasMinTempDc() || c.hasMaxTempDc() || c.getMinTempIndex() != 0 || c.getMaxTempIndex() != 0;
  }

  /**
   * The entries with their flags by name; a bit this version has no name for (a newer gateway's
   * flag) is named {@code FLAG_<bit>}, so it still flags its values ({@link FlaggedValues}).
   */
  private static List<DecodedFrame.Quality> quality(List<ChannelQuality> entries) {
    List<DecodedFrame.Quality> out = new ArrayList<>();
    for (ChannelQuality q : entries) {
      List<String> names = new ArrayList<>();
      int unnamed = q.getFlags();
      for (QualityFlag flag : QualityFlag.values()) {
        if (flag != QualityFlag.UNRECOGNIZED && flag.getNumber() > 0 && (q.getFlags() & (1 << flag.getNumber())) != 0) {
          names.add(flag.name().substring("QUALITY_".length()));
          unnamed &= ~(1 << flag.getNumber());
        }
      }
      for (int bit = 0; bit < Integer.SIZE; bit++) {
        if ((unnamed & (1 << bit)) != 0) {
          names.add("FLAG_" + bit);
        }
      }
      out.add(new DecodedFrame.Quality(q.getChannel().name().replace("CHANNEL_", ""), q.getIndex(),
          q.getCount() == 0 ? 1 : q.getCount(), names));
    }
    return out;
  }

  /**
   * Scaled integers in their unit: each divided by {@code perUnit}, a power of ten, which gives the
   * double nearest the decimal (368 / 10 prints as 36.8, where 368 x 0.1 prints as 36.800000000000004).
   */
  private static double[] scale(long[] values, int perUnit) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i] / (double) perUnit;
    }
    return out;
  }
}
