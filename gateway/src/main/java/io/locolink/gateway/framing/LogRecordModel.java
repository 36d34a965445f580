package io.locolink.gateway.framing;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.locolink.proto.v1.BatteryPack;
import io.locolink.proto.v1.CellPrediction;
import io.locolink.proto.v1.Motion;
import io.locolink.proto.v1.TelemetryFrame;
import io.locolink.proto.v1.TractionDrive;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Codes the records of a trip log so that a general-purpose compressor does better on them, and
 * back, exactly. A telemetry frame's fast series (pack voltage and current, each drive's current and
 * speed, the wheel speed) leave the frame and are written as the residuals of a prediction from the
 * same channel's earlier samples ({@link SeriesPredictor}), range-coded in an adaptive model of each
 * channel's residuals ({@link SeriesResidualModel}); its residual lists (cell voltages, cell
 * temperatures, drives' slow values as the change from the reference frame, Rice-coded in the
 * frame) are range-coded in an adaptive model too ({@link ResidualListModel}), which spends about
 * 1.3 bits on a cell with read noise where a Rice code spends more than 1.6. The rest of the frame
 * stays as it is, for the compressor after this coding.
 *
 * <pre>
 * coded record = 0 | the record as it is        (any record this model does not take apart)
 *              | 1 | varint n | the frame without what follows (n bytes)
 *                  | per fast series: varint count
 *                  | one byte: which residual lists follow (bit 0 cell voltages, 1 cell temperatures,
 *                    2 drives' slow values) | per list: varint count | zigzag varint shift
 *                  | range-coded to the end of the record: the series' prediction residuals, then
 *                    the lists' residuals (change less shift)
 * fast series, in order: pack current, pack voltage (predicted with the pack current's sample at
 * the same instant), wheel speed, then per drive in frame order: current, speed
 * </pre>
 *
 * A frame is taken apart only if putting it back gives the record byte for byte (checked as it is
 * coded), so every record comes back exactly as it was appended. The predictions and the lists'
 * models carry over from record to record: one instance codes (or decodes) one sequence of records
 * from its start, after {@link #reset()}; the decoder must see the same records in the same order.
 * Not thread-safe.
 */
public final class LogRecordModel {

  private static final int VERBATIM = 0;
  private static final int FRAME = 1;
  private static final int PACK_CURRENT = 0;
  private static final int PACK_VOLTAGE = 1;
  private static final int WHEEL_SPEED = 2;
  private static final int FIRST_DRIVE = 3;
  private static final int LISTS = 3;
  private static final int MAX_LIST = 1 << 16;
  /** Residuals beyond this stay Rice-coded in the frame: no gateway list has them, and no overflow can. */
  private static final long MAX_RESIDUAL = 1L << 40;

  private final List<SeriesPredictor> channels = new ArrayList<>();
  private final List<SeriesResidualModel> residualModels = new ArrayList<>();
  private final ResidualListModel[] lists = new ResidualListModel[LISTS];

  public LogRecordModel() {
    reset();
  }

  /** Forgets every channel's history and list model: the next record starts a sequence. */
  public void reset() {
    channels.clear();
    residualModels.clear();
    for (int i = 0; i < LISTS; i++) {
      lists[i] = new ResidualListModel();
    }
  }

  /** Codes {@code record} (an encoded {@code LogRecord}) as the next of the sequence. */
  public byte[] encode(byte[] record) {
    Optional<TelemetryFrame> frame = telemetryFrame(record);
    if (frame.isPresent()) {
      long[][] series = series(frame.get());
      long[][] changes = changes(frame.get());
      TelemetryFrame rest = without(frame.get(), changes);
      byte[] back = LogRecordCodec.wrap(StreamKind.TELEMETRY, with(rest, series, changes).toByteArray());
      if (Arrays.equals(record, back) && Arrays.stream(series).allMatch(values -> values.length <= MAX_LIST)) {
        return codeFrame(rest, series, changes, record.length);
      }
    }
    byte[] out = new byte[record.length + 1];
    out[0] = VERBATIM;
    System.arraycopy(record, 0, out, 1, record.length);
    return out;
  }

  private byte[] codeFrame(TelemetryFrame rest, long[][] series, long[][] changes, int size) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(size);
    out.write(FRAME);
    byte[] restBytes = rest.toByteArray();
    Varint.write(out, restBytes.length);
    out.writeBytes(restBytes);
    for (long[] values : series) {
      Varint.write(out, values.length);
    }
    int which = 0;
    for (int l = 0; l < LISTS; l++) {
      which |= changes[l] != null ? 1 << l : 0;
    }
    out.write(which);
    long[] shifts = new long[LISTS];
    for (int l = 0; l < LISTS; l++) {
      if (changes[l] != null) {
        shifts[l] = median(changes[l]);
        Varint.write(out, changes[l].length);
        Varint.write(out, zigzag(shifts[l]));
      }
    }
    BinaryRangeCoder.Encoder coder = new BinaryRangeCoder.Encoder();
    for (int s = 0; s < series.length; s++) {
      SeriesPredictor channel = channel(s);
      for (int i = 0; i < series[s].length; i++) {
        long companion = companion(series, s, i);
        residualModels.get(s).encode(coder, series[s][i] - channel.predict(companion));
        channel.add(series[s][i], companion);
      }
    }
    for (int l = 0; l < LISTS; l++) {
      if (changes[l] != null) {
        long[] residuals = new long[changes[l].length];
        for (int i = 0; i < residuals.length; i++) {
          residuals[i] = changes[l][i] - shifts[l];
        }
        lists[l].encode(coder, residuals);
      }
    }
    out.writeBytes(coder.finish());
    return out.toByteArray();
  }

  /**
   * The record that {@link #encode} coded as {@code coded}, given that this instance has decoded the
   * records before it in the sequence.
   *
   * @throws MalformedMessageException if {@code coded} is not a coded record
   */
  public byte[] decode(byte[] coded) {
    if (coded.length == 0) {
      throw new MalformedMessageException("an empty coded trip log record", null);
    }
    if (coded[0] == VERBATIM) {
      return Arrays.copyOfRange(coded, 1, coded.length);
    }
    if (coded[0] != FRAME) {
      throw new MalformedMessageException("unknown trip log record coding " + coded[0], null);
    }
    int[] pos = {1};
    long restLength = readVarint(coded, pos);
    if (restLength > coded.length - pos[0]) {
      throw new MalformedMessageException("a coded frame longer than its record", null);
    }
    TelemetryFrame rest;
    try {
      rest = TelemetryFrame.parseFrom(Arrays.copyOfRange(coded, pos[0], pos[0] + (int) restLength));
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedMessageException("coded frame does not parse: " + e.getMessage(), e);
    }
    pos[0] += (int) restLength;
    long[][] series = new long[seriesCount(rest)][];
    for (int s = 0; s < series.length; s++) {
      long count = readVarint(coded, pos);
      if (count > MAX_LIST) {
        throw new MalformedMessageException("a series of " + count + " samples", null);
      }
      series[s] = new long[(int) count];
    }
    if (pos[0] >= coded.length) {
      throw new MalformedMessageException("a coded frame ends before its residual lists", null);
    }
    int which = coded[pos[0]++];
    if ((which & ~((1 << LISTS) - 1)) != 0) {
      throw new MalformedMessageException("unknown residual lists " + which + " in a coded frame", null);
    }
    long[] counts = new long[LISTS];
    long[] shifts = new long[LISTS];
    for (int l = 0; l < LISTS; l++) {
      if ((which & (1 << l)) != 0) {
        counts[l] = readVarint(coded, pos);
        shifts[l] = unzigzag(readVarint(coded, pos));
        if (counts[l] > MAX_LIST) {
          throw new MalformedMessageException("a residual list of " + counts[l] + " values", null);
        }
      }
    }
    BinaryRangeCoder.Decoder coder = new BinaryRangeCoder.Decoder(coded, pos[0], coded.length);
    for (int s = 0; s < series.length; s++) {
      SeriesPredictor channel = channel(s);
      for (int i = 0; i < series[s].length; i++) {
        long companion = companion(series, s, i);
        series[s][i] = channel.predict(companion) + residualModels.get(s).decode(coder);
        channel.add(series[s][i], companion);
      }
    }
    long[][] changes = new long[LISTS][];
    for (int l = 0; l < LISTS; l++) {
      if ((which & (1 << l)) != 0) {
        changes[l] = lists[l].decode(coder, (int) counts[l]);
        for (int i = 0; i < changes[l].length; i++) {
          changes[l][i] += shifts[l];
        }
      }
    }
    return LogRecordCodec.wrap(StreamKind.TELEMETRY, with(rest, series, changes).toByteArray());
  }

  private SeriesPredictor channel(int index) {
    while (channels.size() <= index) {
      channels.add(new SeriesPredictor());
      residualModels.add(new SeriesResidualModel());
    }
    return channels.get(index);
  }

  /** The pack current's sample at the pack voltage's {@code i}th (decoded before it); 0 for other series. */
  private static long companion(long[][] series, int s, int i) {
    return s == PACK_VOLTAGE && i < series[PACK_CURRENT].length ? series[PACK_CURRENT][i] : 0;
  }

  private static Optional<TelemetryFrame> telemetryFrame(byte[] record) {
    try {
      Optional<LogRecordCodec.Entry> entry = LogRecordCodec.read(record);
      if (entry.isEmpty() || entry.get().kind() != StreamKind.TELEMETRY) {
        return Optional.empty();
      }
      return Optional.of(TelemetryFrame.parseFrom(entry.get().message()));
    } catch (MalformedMessageException | InvalidProtocolBufferException e) {
      return Optional.empty();
    }
  }

  private static int seriesCount(TelemetryFrame f) {
    return FIRST_DRIVE + 2 * f.getDrivesCount();
  }

  /** The fast series as absolute values, in the order the coded record holds them. */
  private static long[][] series(TelemetryFrame f) {
    long[][] out = new long[seriesCount(f)][];
    out[PACK_VOLTAGE] = running(f.getBattery().getVoltageCvDeltaList());
    out[PACK_CURRENT] = running(f.getBattery().getCurrentDaDeltaList());
    out[WHEEL_SPEED] = running(f.getMotion().getSpeedCmhDeltaList());
    for (int d = 0; d < f.getDrivesCount(); d++) {
      out[FIRST_DRIVE + 2 * d] = running(f.getDrives(d).getCurrentDaDeltaList());
      out[FIRST_DRIVE + 2 * d + 1] = running(f.getDrives(d).getSpeedRpmDeltaList());
    }
    return out;
  }

  /**
   * The frame's residual lists as changes (shift + residual, {@link ResidualCoding} against zeros);
   * null for a list the frame lacks or that this model leaves in the frame.
   */
  private static long[][] changes(TelemetryFrame f) {
    CellPrediction p = f.getBattery().getCellPrediction();
    return new long[][] {change(p.getMvResidual()), change(p.getTempDcResidual()), change(p.getDriveSlowResidual())};
  }

  private static long[] change(ByteString coded) {
    if (coded.isEmpty()) {
      return null;
    }
    byte[] bytes = coded.toByteArray();
    try {
      long n = readVarint(bytes, new int[] {0});
      if (n > MAX_LIST) {
        return null;
      }
      long[] change = ResidualCoding.decode(bytes, new long[(int) n]);
      if (n == 0 || !Arrays.equals(bytes, ResidualCoding.encode(change, new long[(int) n]))) {
        return null;
      }
      long shift = median(change);
      for (long c : change) {
        if (Math.abs(c) > MAX_RESIDUAL || Math.abs(c - shift) > MAX_RESIDUAL) {
          return null;
        }
      }
      return change;
    } catch (IllegalArgumentException | MalformedMessageException e) {
      return null;
    }
  }

  private static TelemetryFrame without(TelemetryFrame f, long[][] changes) {
    TelemetryFrame.Builder b = f.toBuilder();
    if (f.hasBattery()) {
      BatteryPack.Builder pack = b.getBatteryBuilder().clearVoltageCvDelta().clearCurrentDaDelta();
      if (f.getBattery().hasCellPrediction()) {
        CellPrediction.Builder p = pack.getCellPredictionBuilder();
        if (changes[0] != null) {
          p.clearMvResidual();
        }
        if (changes[1] != null) {
          p.clearTempDcResidual();
        }
        if (changes[2] != null) {
          p.clearDriveSlowResidual();
        }
      }
    }
    if (f.hasMotion()) {
      b.getMotionBuilder().clearSpeedCmhDelta();
    }
    for (TractionDrive.Builder d : b.getDrivesBuilderList()) {
      d.clearCurrentDaDelta().clearSpeedRpmDelta();
    }
    return b.build();
  }

  private static TelemetryFrame with(TelemetryFrame rest, long[][] series, long[][] changes) {
    TelemetryFrame.Builder b = rest.toBuilder();
    if (series[PACK_VOLTAGE].length > 0 || series[PACK_CURRENT].length > 0) {
      BatteryPack.Builder pack = b.getBatteryBuilder();
      DeltaCoding.encode(series[PACK_VOLTAGE], pack::addVoltageCvDelta);
      DeltaCoding.encode(series[PACK_CURRENT], pack::addCurrentDaDelta);
    }
    if (changes[0] != null || changes[1] != null || changes[2] != null) {
      CellPrediction.Builder p = b.getBatteryBuilder().getCellPredictionBuilder();
      if (changes[0] != null) {
        p.setMvResidual(residualList(changes[0]));
      }
      if (changes[1] != null) {
        p.setTempDcResidual(residualList(changes[1]));
      }
      if (changes[2] != null) {
        p.setDriveSlowResidual(residualList(changes[2]));
      }
    }
    if (series[WHEEL_SPEED].length > 0) {
      Motion.Builder motion = b.getMotionBuilder();
      DeltaCoding.encode(series[WHEEL_SPEED], motion::addSpeedCmhDelta);
    }
    for (int d = 0; d < b.getDrivesCount(); d++) {
      TractionDrive.Builder drive = b.getDrivesBuilder(d);
      DeltaCoding.encode(series[FIRST_DRIVE + 2 * d], drive::addCurrentDaDelta);
      DeltaCoding.encode(series[FIRST_DRIVE + 2 * d + 1], drive::addSpeedRpmDelta);
    }
    return b.build();
  }

  private static ByteString residualList(long[] change) {
    return ByteString.copyFrom(ResidualCoding.encode(change, new long[change.length]));
  }

  private static long[] running(List<Integer> deltas) {
    long[] out = new long[deltas.size()];
    long sum = 0;
    for (int i = 0; i < out.length; i++) {
      sum += deltas.get(i);
      out[i] = sum;
    }
    return out;
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static long zigzag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  private static long unzigzag(long v) {
    return (v >>> 1) ^ -(v & 1);
  }

  private static long readVarint(byte[] bytes, int[] pos) {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos[0] >= bytes.length) {
        throw new MalformedMessageException("a coded trip log record ends inside a varint", null);
      }
      int b = bytes[pos[0]++];
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new MalformedMessageException("a varint longer than 64 bits in a coded trip log record", null);
  }
}
