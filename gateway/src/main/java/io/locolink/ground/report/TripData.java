package io.locolink.ground.report;

import io.locolink.gateway.trips.LogRecordCodec;
import io.locolink.gateway.trips.TripLogReader;
import io.locolink.proto.v1.Alarm;
import io.locolink.proto.v1.BatteryPack;
import io.locolink.proto.v1.EnergyRecord;
import io.locolink.proto.v1.LogRecord;
import io.locolink.proto.v1.TelemetryFrame;
import io.locolink.proto.v1.TractionDrive;
import io.locolink.proto.v1.TripSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The decoded content of one trip log: every fast sample with the slow values of its frame, the
 * energy records, the alarms and the final summary. Delta-coded series are undone here as
 * telemetry.proto describes them. Immutable after {@link #read}.
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
   * One fast sample.
   *
   * @param unixMs UTC time, ms
   * @param odometerM odometer of the frame, metres
   * @param speedKmh wheel speed, km/h
   * @param packV pack voltage, volts
   * @param packA pack current, amperes, + discharge
   * @param socPercent the gateway's SoC at frame end, percent
   * @param cellMinMv lowest cell voltage of the frame, mV
   * @param cellMaxMv highest cell voltage of the frame, mV
   * @param cellTempMinC lowest cell temperature of the frame, degrees Celsius
   * @param cellTempMaxC highest cell temperature of the frame, degrees Celsius
   * @param motorTempC hottest motor winding of the frame, degrees Celsius
   */
  public record Sample(long unixMs, double odometerM, double speedKmh, double packV, double packA, double socPercent,
      double cellMinMv, double cellMaxMv, double cellTempMinC, double cellTempMaxC, double motorTempC) {

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
   * @throws io.locolink.gateway.trips.TripLogCorruptException if a record is not a LogRecord
   */
  public static TripData read(Path log) {
    List<Sample> samples = new ArrayList<>();
    List<EnergyRecord> energy = new ArrayList<>();
    List<Alarm> alarms = new ArrayList<>();
    TripSummary[] summary = new TripSummary[1];
    TripLogReader.ScanResult scan = TripLogReader.read(log, payload -> {
      LogRecord r = LogRecordCodec.parse(payload);
      switch (r.getRecordCase()) {
        case FRAME -> decode(r.getFrame(), samples);
        case ENERGY -> energy.add(r.getEnergy());
        case ALARM -> alarms.add(r.getAlarm());
        case TRIP -> summary[0] = r.getTrip();
        default -> { }
      }
    });
    return new TripData(samples, energy, alarms, Optional.ofNullable(summary[0]), scan.tornTail());
  }

  static void decode(TelemetryFrame f, List<Sample> out) {
    BatteryPack p = f.getBattery();
    int[] volts = undelta(p.getVoltageCvDeltaList());
    int[] amps = undelta(p.getCurrentDaDeltaList());
    int[] speed = undelta(f.getMotion().getSpeedCmhDeltaList());
    int[] cells = undelta(p.getCellMvDeltaList());
    int[] temps = undelta(p.getCellTempDcDeltaList());
    double cellMin = cells.length > 0 ? min(cells) : f.getState().getCells().getMinMv();
    double cellMax = cells.length > 0 ? max(cells) : f.getState().getCells().getMaxMv();
    double tMin = (temps.length > 0 ? min(temps) : f.getState().getCells().getMinTempDc()) / 10.0;
    double tMax = (temps.length > 0 ? max(temps) : f.getState().getCells().getMaxTempDc()) / 10.0;
    double motor = Double.NaN;
    for (TractionDrive d : f.getDrivesList()) {
      motor = Double.isNaN(motor) ? d.getWindingTempDc() / 10.0 : Math.max(motor, d.getWindingTempDc() / 10.0);
    }
    double soc = f.getState().getSocPermille() / 10.0;
    long start = f.getHeader().getTimeUnixMs();
    int n = f.getSampleOffsetMsCount();
    for (int i = 0; i < n; i++) {
      out.add(new Sample(start + f.getSampleOffsetMs(i), f.getMotion().getOdometerM(),
          i < speed.length ? speed[i] / 100.0 : Double.NaN, i < volts.length ? volts[i] / 100.0 : Double.NaN,
          i < amps.length ? amps[i] / 10.0 : Double.NaN, soc, cellMin, cellMax, tMin, tMax, motor));
    }
  }

  static int[] undelta(List<Integer> deltas) {
    int[] out = new int[deltas.size()];
    int acc = 0;
    for (int i = 0; i < out.length; i++) {
      acc += deltas.get(i);
      out[i] = acc;
    }
    return out;
  }

  private static int min(int[] v) {
    int m = v[0];
    for (int x : v) {
      m = Math.min(m, x);
    }
    return m;
  }

  private static int max(int[] v) {
    int m = v[0];
    for (int x : v) {
      m = Math.max(m, x);
    }
    return m;
  }
}
