package io.locolink.gateway.framing;

import io.locolink.gateway.acquisition.DriveReadings;
import io.locolink.gateway.acquisition.GensetReadings;
import io.locolink.gateway.acquisition.GnssFix;
import io.locolink.gateway.acquisition.PackReadings;
import io.locolink.gateway.acquisition.Reading;
import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.estimation.Estimates;
import io.locolink.proto.v1.BatteryPack;
import io.locolink.proto.v1.BatteryState;
import io.locolink.proto.v1.Channel;
import io.locolink.proto.v1.Contactor;
import io.locolink.proto.v1.Genset;
import io.locolink.proto.v1.Motion;
import io.locolink.proto.v1.Position;
import io.locolink.proto.v1.TelemetryFrame;
import io.locolink.proto.v1.TractionDrive;
import com.google.protobuf.ByteString;
import java.util.List;
import java.util.function.Function;

/**
 * Packs the snapshots of one frame span into a {@link TelemetryFrame}: fast channels as
 * delta-coded series at the frame's sample offsets, slow channels and estimates from the last
 * snapshot, and a quality entry for every channel that had a flagged sample. Cell lists go in full
 * (a key frame) or, with a {@link CellPredictor}, as the change from the previous frame. Stateless;
 * the predictor holds the state between frames.
 */
public final class TelemetryFrameEncoder {

  private TelemetryFrameEncoder() {}

  /**
   * Encodes {@code snapshots} (oldest first, at least one) with the estimates after the last one.
   * The header's time should be the first snapshot's UTC.
   */
  public static TelemetryFrame encode(HeaderFields header, List<Snapshot> snapshots, Estimates estimates) {
    return encode(header, snapshots, estimates, CellPredictor.keyFramesOnly());
  }

  /**
   * Encodes {@code snapshots} as {@link #encode(HeaderFields, List, Estimates)} does, with the cell
   * lists coded by {@code cells}: in full in a key frame, else as the change from the frame the
   * predictor coded before (which must then reach the ground before this one decodes its cells).
   */
  public static TelemetryFrame encode(HeaderFields header, List<Snapshot> snapshots, Estimates estimates,
      CellPredictor cells) {
    if (snapshots.isEmpty()) {
      throw new IllegalArgumentException("a frame needs at least one snapshot");
    }
    Snapshot first = snapshots.get(0);
    Snapshot last = snapshots.get(snapshots.size() - 1);
    QualityCollector quality = new QualityCollector();
    TelemetryFrame.Builder frame = TelemetryFrame.newBuilder()
        .setHeader(Headers.toProto(header))
        .setSpanMs(Math.toIntExact((last.monotonicNanos() - first.monotonicNanos()) / 1_000_000));
    for (Snapshot s : snapshots) {
      frame.addSampleOffsetMs(Math.toIntExact((s.monotonicNanos() - first.monotonicNanos()) / 1_000_000));
    }
    List<TractionDrive> drives = new java.util.ArrayList<>();
    for (int d = 0; d < last.drives().size(); d++) {
      drives.add(drive(snapshots, d, quality));
    }
    frame.setBattery(battery(snapshots, last.pack(), quality, header.sequence(), cells, drives));
    frame.addAllDrives(drives);
    last.genset().ifPresent(g -> frame.setGenset(genset(g, quality)));
    frame.setMotion(motion(snapshots, last, quality));
    frame.setState(state(estimates));
    frame.addAllQuality(quality.entries());
    return frame.build();
  }

  private static BatteryPack battery(List<Snapshot> snapshots, PackReadings pack, QualityCollector quality,
      long sequence, CellPredictor cells, List<TractionDrive> drives) {
    BatteryPack.Builder b = BatteryPack.newBuilder();
    DeltaCoding.encode(series(snapshots, s -> s.pack().voltageV(), 100, Channel.CHANNEL_PACK_VOLTAGE, 0, quality),
        b::addVoltageCvDelta);
    DeltaCoding.encode(series(snapshots, s -> s.pack().currentA(), 10, Channel.CHANNEL_PACK_CURRENT, 0, quality),
        b::addCurrentDaDelta);
    if (cells.code(sequence, DeltaCoding.scaled(pack.cellVoltagesV(), 1000),
        DeltaCoding.scaled(pack.cellTemperaturesC(), 10), DriveSlowValues.of(drives), b)) {
      drives.replaceAll(DriveSlowValues::without);
    }
    quality.addAll(Channel.CHANNEL_CELL_VOLTAGE, pack.cellVoltageFlags());
    quality.addAll(Channel.CHANNEL_CELL_TEMPERATURE, pack.cellTemperatureFlags());
    b.setBmsSocPermille(permille(pack.bmsSocPercent(), quality, Channel.CHANNEL_BMS));
    b.setBmsSohPermille(permille(pack.bmsSohPercent(), quality, Channel.CHANNEL_BMS));
    b.setInsulationKohm((int) Math.max(0, DeltaCoding.scaled(pack.insulationKohm().value(), 1, 0)));
    quality.add(Channel.CHANNEL_INSULATION, 0, pack.insulationKohm().flags());
    b.setContactor(switch (pack.contactor()) {
      case OPEN -> Contactor.CONTACTOR_OPEN;
      case PRECHARGE -> Contactor.CONTACTOR_PRECHARGE;
      case CLOSED -> Contactor.CONTACTOR_CLOSED;
      case UNKNOWN -> Contactor.CONTACTOR_UNSPECIFIED;
    });
    b.setBalancing(ByteString.copyFrom(trimmed(bits(pack.balancing()))));
    b.setStringsParallel(pack.stringsParallel());
    return b.build();
  }

  private static TractionDrive drive(List<Snapshot> snapshots, int d, QualityCollector quality) {
    DriveReadings last = snapshots.get(snapshots.size() - 1).drives().get(d);
    TractionDrive.Builder b = TractionDrive.newBuilder().setIndex(last.index());
    DeltaCoding.encode(series(snapshots, s -> driveAt(s, d).currentA(), 10, Channel.CHANNEL_DRIVE_CURRENT, last.index(), quality),
        b::addCurrentDaDelta);
    DeltaCoding.encode(series(snapshots, s -> driveAt(s, d).speedRpm(), 1, Channel.CHANNEL_DRIVE_SPEED, last.index(), quality),
        b::addSpeedRpmDelta);
    b.setDcLinkDv(tenths(last.dcLinkV(), quality, Channel.CHANNEL_DC_LINK_VOLTAGE, last.index()));
    b.setWindingTempDc(tenths(last.windingC(), quality, Channel.CHANNEL_WINDING_TEMPERATURE, last.index()));
    b.setBearingTempDc(tenths(last.bearingC(), quality, Channel.CHANNEL_BEARING_TEMPERATURE, last.index()));
    b.setInverterTempDc(tenths(last.inverterC(), quality, Channel.CHANNEL_INVERTER_TEMPERATURE, last.index()));
    b.setCoolantTempDc(tenths(last.coolantC(), quality, Channel.CHANNEL_COOLANT_TEMPERATURE, last.index()));
    return b.build();
  }

  private static DriveReadings driveAt(Snapshot s, int d) {
    return s.drives().get(Math.min(d, s.drives().size() - 1));
  }

  private static Genset genset(GensetReadings g, QualityCollector quality) {
    quality.add(Channel.CHANNEL_GENSET, 0, g.engineRpm().flags() | g.powerKw().flags() | g.coolantC().flags());
    quality.add(Channel.CHANNEL_FUEL_FLOW, 0, g.fuelFlowLph().flags());
    return Genset.newBuilder()
        .setRunning(g.running())
        .setEngineRpm((int) Math.max(0, DeltaCoding.scaled(g.engineRpm().value(), 1, 0)))
        .setPowerKwX10(Math.toIntExact(DeltaCoding.scaled(g.powerKw().value(), 10, 0)))
        .setFuelFlowMlPerMin((int) Math.max(0, DeltaCoding.scaled(g.fuelFlowLph().value(), 1000.0 / 60, 0)))
        .setFuelUsedMl(Math.max(0, Math.round(g.fuelUsedL() * 1000)))
        .setCoolantTempDc(Math.toIntExact(DeltaCoding.scaled(g.coolantC().value(), 10, 0)))
        .build();
  }

  private static Motion motion(List<Snapshot> snapshots, Snapshot last, QualityCollector quality) {
    Motion.Builder b = Motion.newBuilder();
    DeltaCoding.encode(series(snapshots, s -> s.motion().wheelSpeedKmh(), 100, Channel.CHANNEL_WHEEL_SPEED, 0, quality),
        b::addSpeedCmhDelta);
    b.setOdometerM(Math.max(0, Math.round(last.motion().odometerM())));
    last.motion().fix().ifPresent(fix -> {
      b.setPosition(position(fix, last.monotonicNanos()));
      b.setGnssSpeedCmh((int) Math.max(0, Math.round(fix.speedKmh() * 100)));
    });
    return b.build();
  }

  static Position position(GnssFix fix, long nowNanos) {
    return Position.newBuilder()
        .setLatitudeE7(Math.toIntExact(Math.round(fix.latitudeDeg() * 1e7)))
        .setLongitudeE7(Math.toIntExact(Math.round(fix.longitudeDeg() * 1e7)))
        .setFixAgeMs(Math.toIntExact(Math.max(0, (nowNanos - fix.monotonicNanos()) / 1_000_000)))
        .setFixQuality(fix.fixQuality())
        .setSatellites(fix.satellites())
        .build();
  }

  private static BatteryState state(Estimates e) {
    BatteryState.Builder b = BatteryState.newBuilder()
        .setSocPermille(clampPermille(e.socPercent()))
        .setSocUncertaintyPermille(clampPermille(e.socUncertaintyPercent()))
        .setSohPermille(clampPermille(e.sohPercent()))
        .setTripConsumedWh(Math.round(e.tripConsumedWh()))
        .setTripRegeneratedWh(Math.round(e.tripRegeneratedWh()))
        .setTodayConsumedWh(Math.round(e.todayConsumedWh()))
        .setTodayRegeneratedWh(Math.round(e.todayRegeneratedWh()))
        .setActiveAlarms(e.activeAlarms())
        .setHighestAlarmTier(e.highestTier().map(t -> t.ordinal() + 1).orElse(0))
        .setCo2AvoidedGToday(Math.round(e.co2AvoidedTodayG()));
    var c = e.cells();
    // each part only when a good value exists: with none its fields stay absent (unknown), never 0
    if (c.minIndex() >= 0) {
      b.getCellsBuilder()
          .setMinMv((int) Math.round(c.minV() * 1000)).setMinIndex(c.minIndex())
          .setMaxMv((int) Math.round(c.maxV() * 1000)).setMaxIndex(c.maxIndex())
          .setMeanMv((int) Math.round(c.meanV() * 1000));
    }
    if (c.minTempIndex() >= 0) {
      b.getCellsBuilder()
          .setMinTempDc((int) Math.round(c.minTempC() * 10)).setMinTempIndex(c.minTempIndex())
          .setMaxTempDc((int) Math.round(c.maxTempC() * 10)).setMaxTempIndex(c.maxTempIndex());
    }
    return b.build();
  }

  private static long[] series(List<Snapshot> snapshots, Function<Snapshot, Reading> channel, double scale,
      Channel id, int index, QualityCollector quality) {
    long[] out = new long[snapshots.size()];
    long previous = 0;
    for (int i = 0; i < out.length; i++) {
      Reading r = channel.apply(snapshots.get(i));
      out[i] = DeltaCoding.scaled(r.value(), scale, previous);
      previous = out[i];
      quality.add(id, index, r.flags());
    }
    return out;
  }

  private static int tenths(Reading r, QualityCollector quality, Channel id, int index) {
    quality.add(id, index, r.flags());
    return Math.toIntExact(DeltaCoding.scaled(r.value(), 10, 0));
  }

  private static int permille(Reading r, QualityCollector quality, Channel id) {
    quality.add(id, 0, r.flags());
    return Double.isNaN(r.value()) ? 0 : clampPermille(r.value());
  }

  private static int clampPermille(double percent) {
    return (int) Math.max(0, Math.min(1000, Math.round(percent * 10)));
  }

  /** Without trailing zero bytes: a pack with no cell balancing sends no balancing bytes. */
  private static byte[] trimmed(byte[] bytes) {
    int n = bytes.length;
    while (n > 0 && bytes[n - 1] == 0) {
      n--;
    }
    return java.util.Arrays.copyOf(bytes, n);
  }

  private static byte[] bits(boolean[] flags) {
    byte[] out = new byte[(flags.length + 7) / 8];
    for (int i = 0; i < flags.length; i++) {
      if (flags[i]) {
        out[i / 8] |= (byte) (1 << (i % 8));
      }
    }
    return out;
  }
}
