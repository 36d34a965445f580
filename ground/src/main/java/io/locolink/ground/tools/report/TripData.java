package io.locolink.ground.tools.report;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import io.locolink.gateway.framing.CellChainDecoder;
import io.locolink.gateway.framing.DecodedFrame;
import io.locolink.gateway.framing.FlaggedValues;
import io.locolink.gateway.framing.LogRecordCodec;
import io.locolink.gateway.framing.MalformedMessageException;
import io.locolink.gateway.framing.TelemetryFrameDecoder;
import io.locolink.gateway.trips.TripLogCorruptException;
import io.locolink.gateway.trips.TripLogReader;
import io.locolink.ground.tools.GoodValues;
import io.locolink.ground.tools.Views;
import io.locolink.proto.v1.Alarm;
import io.locolink.proto.v1.EnergyRecord;
import io.locolink.proto.v1.TelemetryFrame;
import io.locolink.proto.v1.TripSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The decoded content of one trip log: every fast sample with the slow values of its frame, the
 * energy records, the alarms and the final summary. Frames are decoded by the gateway's framing
 * ({@link TelemetryFrameDecoder}). Immutable after {@link #read}.
 *
 * @param samples one row per fast sample, in log order
 * @param energy the trip's energy records
 * @param alarms the trip's alarm messages
 * @param summary the last summary record of the log, empty for a log cut before its first block
 * @param tornTail true when the file ended in a damaged or incomplete block
 */
public record TripData(List<Sample> samples, List<EnergyRecord> energy, List<Alarm> alarms,
    Optional<TripSummary> summary, boolean tornTail) {

  /**
   * One fast sample. A value the frame's quality entries flag, or one the log does not hold, is NaN.
   *
   * @param unixMs UTC time, ms
   * @param odometerM odometer of the frame, metres
   * @param speedKmh wheel speed, km/h
   * @param packV pack voltage, volts
   * @param packA pack current, amperes, + discharge
   * @param socPercent the gateway's SoC at frame end, percent
   * @param cellMinMv lowest good cell voltage of the frame, mV
   * @param cellMaxMv highest good cell voltage of the frame, mV
   * @param cellTempMinC lowest good cell temperature of the frame, degrees Celsius
   * @param cellTempMaxC highest good cell temperature of the frame, degrees Celsius
   * @param motorTempC hottest good motor winding of the frame, degrees Celsius
   * @param timeAdvances false for a flagged sample: its time is not later than the sample before it
   *     in the log (a clock that stood still or went back), so its time cannot be trusted
   * @param quality the channels the frame flagged (e.g. {@code winding_temperature[0..5] STALE}, a
   *     value the gateway could not read), separated by {@code "; "}; empty when none
   */
  public record Sample(long unixMs, double odometerM, double speedKmh, double packV, double packA, double socPercent,
      double cellMinMv, double cellMaxMv, double cellTempMinC, double cellTempMaxC, double motorTempC,
      boolean timeAdvances, String quality) {

    /** A sample of a frame that flagged no channel. */
    public Sample(long unixMs, double odometerM, double speedKmh, double packV, double packA, double socPercent,
        double cellMinMv, double cellMaxMv, double cellTempMinC, double cellTempMaxC, double motorTempC,
        boolean timeAdvances) {
      this(unixMs, odometerM, speedKmh, packV, packA, socPercent, cellMinMv, cellMaxMv, cellTempMinC, cellTempMaxC,
          motorTempC, timeAdvances, "");
    }

    public double powerKw() {
      return packV * packA / 1000.0;
    }

    public double cellSpreadMv() {
      return cellMaxMv - cellMinMv;
    }
  }

  public TripData {
    samples = List.copyOf(samples);
    energy = List.copyOf(energy);
    alarms = List.copyOf(alarms);
  }

  /**
   * Reads and decodes a trip log file.
   *
   * @throws java.io.UncheckedIOException if the file cannot be read
   * @throws TripLogCorruptException if a record is not a LogRecord or its message does not parse
   */
  public static TripData read(Path log) {
    List<Sample> samples = new ArrayList<>();
    List<EnergyRecord> energy = new ArrayList<>();
    List<Alarm> alarms = new ArrayList<>();
    TripSummary[] summary = new TripSummary[1];
    CellChainDecoder frames = new CellChainDecoder(1);
    TripLogReader.ScanResult scan = TripLogReader.read(log, payload -> {
      try {
        LogRecordCodec.read(payload).ifPresent(r -> {
          switch (r.kind()) {
            case TELEMETRY -> decode(frames.decode(r.message()), samples);
            case ENERGY -> energy.add(parse(EnergyRecord.parser(), r.message()));
            case ALARM -> alarms.add(parse(Alarm.parser(), r.message()));
            case TRIP -> summary[0] = parse(TripSummary.parser(), r.message());
            case STATUS -> { }
          }
        });
      } catch (MalformedMessageException e) {
        throw new TripLogCorruptException("record is not a LogRecord: " + e.getMessage());
      }
    });
    return new TripData(flagTime(samples), energy, alarms, Optional.ofNullable(summary[0]), scan.tornTail());
  }

  private static <T> T parse(Parser<T> parser, byte[] bytes) {
    try {
      return parser.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new TripLogCorruptException("record's message does not parse: " + e.getMessage());
    }
  }

  /**
   * Flags every sample whose time is not later than the latest trusted time before it: a report
   * or export never shows time standing still or going backwards, nor drops such a sample silently.
   */
  static List<Sample> flagTime(List<Sample> samples) {
    List<Sample> out = new ArrayList<>(samples.size());
    long latest = Long.MIN_VALUE;
    for (Sample s : samples) {
      boolean advances = s.unixMs() > latest;
      if (advances) {
        latest = s.unixMs();
      }
      out.add(advances == s.timeAdvances() ? s : new Sample(s.unixMs(), s.odometerM(), s.speedKmh(), s.packV(),
          s.packA(), s.socPercent(), s.cellMinMv(), s.cellMaxMv(), s.cellTempMinC(), s.cellTempMaxC(),
          s.motorTempC(), advances, s.quality()));
    }
    return out;
  }

  /** The samples whose time advances, in order: what charts plot. */
  public List<Sample> timedSamples() {
    return samples.stream().filter(Sample::timeAdvances).toList();
  }

  /**
   * Adds one row per fast sample of {@code f}, decoded by the gateway's own frame decoder (delta
   * and bit-packed cell lists alike). Cell extremes come from the full cell lists, or from the
   * frame's cell statistics when the lists are absent.
   */
  static void decode(TelemetryFrame f, List<Sample> out) {
    decode(TelemetryFrameDecoder.decode(f), out);
  }

  /**
   * Adds one row per fast sample of a decoded frame, with only the values the gateway vouches for
   * ({@link GoodValues}: a value whose channel the frame's quality entries flag, by {@link
   * FlaggedValues}, the rule of the ground's per-second rows too, is NaN, unknown), and extremes taken
   * over the good cells and drives. A fast channel's flag covers the whole frame (the wire does not say
   * which sample). A frame whose predicted cell lists could not be decoded (the trip log starts between
   * key frames) takes its cell extremes from the frame's cell statistics, and its motor temperature from
   * no drive (NaN).
   */
  static void decode(DecodedFrame d, List<Sample> out) {
    DecodedFrame good = GoodValues.of(d).frame();
    double[] volts = good.cellVoltagesV();
    double[] temps = good.cellTemperaturesC();
    double cellMin = volts.length > 0 ? min(volts) * 1000 : d.state().cellMinV() * 1000;
    double cellMax = volts.length > 0 ? max(volts) * 1000 : d.state().cellMaxV() * 1000;
    double tMin = temps.length > 0 ? min(temps) : d.state().cellMinTempC();
    double tMax = temps.length > 0 ? max(temps) : d.state().cellMaxTempC();
    double motor = Double.NaN;
    for (DecodedFrame.Drive drive : good.drives()) {
      if (!Double.isNaN(drive.windingC())) {
        motor = Double.isNaN(motor) ? drive.windingC() : Math.max(motor, drive.windingC());
      }
    }
    double soc = d.state().socPercent();
    String quality = quality(d.quality());
    for (int i = 0; i < d.sampleOffsetMs().length; i++) {
      out.add(new Sample(d.timeUnixMs() + d.sampleOffsetMs()[i], d.odometerM(), at(good.speedKmh(), i),
          at(good.packVoltageV(), i), at(good.packCurrentA(), i), soc, round3(cellMin), round3(cellMax), tMin, tMax,
          motor, true, quality));
    }
  }

  /** The frame's flagged channels as {@code channel[first..last] FLAG+FLAG}, separated by "; ". */
  private static String quality(List<DecodedFrame.Quality> flagged) {
    List<String> parts = new ArrayList<>(flagged.size());
    for (DecodedFrame.Quality q : flagged) {
      parts.add(Views.quality(q));
    }
    return String.join("; ", parts);
  }

  private static double at(double[] series, int i) {
    return i < series.length ? series[i] : Double.NaN;
  }

  /** Millivolts from volts times 1000, without the binary fraction noise of the scaling; NaN stays NaN. */
  private static double round3(double mv) {
    return Double.isNaN(mv) ? mv : Math.round(mv * 1000) / 1000.0;
  }

  /** The lowest of the known (not NaN) values, NaN when none is. */
  private static double min(double[] v) {
    double m = Double.NaN;
    for (double x : v) {
      if (!Double.isNaN(x)) {
        m = Double.isNaN(m) ? x : Math.min(m, x);
      }
    }
    return m;
  }

  /** The highest of the known (not NaN) values, NaN when none is. */
  private static double max(double[] v) {
    double m = Double.NaN;
    for (double x : v) {
      if (!Double.isNaN(x)) {
        m = Double.isNaN(m) ? x : Math.max(m, x);
      }
    }
    return m;
  }
}
