package io.locolink.testing;

import io.locolink.gateway.acquisition.ClockQuality;
import io.locolink.gateway.acquisition.Contactor;
import io.locolink.gateway.acquisition.DriveReadings;
import io.locolink.gateway.acquisition.GensetReadings;
import io.locolink.gateway.acquisition.GnssFix;
import io.locolink.gateway.acquisition.MotionReadings;
import io.locolink.gateway.acquisition.PackReadings;
import io.locolink.gateway.acquisition.Reading;
import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.estimation.CellStats;
import io.locolink.gateway.estimation.EnergyTotals;
import io.locolink.gateway.estimation.Estimates;
import io.locolink.gateway.framing.AlarmCodec;
import io.locolink.gateway.framing.EnergyRecordCodec;
import io.locolink.gateway.trips.CycleRecords;
import io.locolink.proto.v1.Alarm;
import io.locolink.proto.v1.AlarmEvent;
import io.locolink.proto.v1.AlarmTier;
import io.locolink.proto.v1.BatteryPack;
import io.locolink.proto.v1.BatteryState;
import io.locolink.proto.v1.Channel;
import io.locolink.proto.v1.DataStatus;

import io.locolink.proto.v1.EnergyRecord;
import io.locolink.proto.v1.Header;
import io.locolink.proto.v1.Motion;
import io.locolink.proto.v1.Position;
import io.locolink.proto.v1.TelemetryFrame;
import io.locolink.proto.v1.TractionDrive;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Builds acquisition snapshots, estimates and wire-format frames of a made-up but physically
 * consistent shunting trip, for tests of the trip recorder, the depot and the reports. Frames are
 * built with the generated proto classes directly (1 s frames, 10 samples at 100 ms, delta-coded
 * as telemetry.proto describes).
 */
public final class SyntheticTrip {

  /** Cells in the synthetic pack (a real pack has 216; tests stay small). */
  public static final int CELLS = 16;
  public static final int DRIVES = 2;

  private SyntheticTrip() {}

  /**
   * One moment of the synthetic locomotive.
   *
   * @param keyOn key switch
   * @param speedKmh wheel speed
   * @param packV pack voltage
   * @param packA pack current, + discharge
   * @param driveA DC current of each drive, + motoring
   * @param cellTempC mean cell temperature
   * @param windingC motor winding temperature
   * @param socPercent SoC
   */
  public record State(boolean keyOn, double speedKmh, double packV, double packA, double driveA, double cellTempC,
      double windingC, double socPercent) {}

  public static Snapshot snapshot(long nanos, Instant utc, State s, double odometerM, double fuelUsedL) {
    double[] cellsV = new double[CELLS];
    double[] temps = new double[CELLS / 2];
    for (int i = 0; i < CELLS; i++) {
      cellsV[i] = s.packV() / CELLS + ((i * 7) % 5 - 2) * 0.002;
    }
    for (int i = 0; i < temps.length; i++) {
      temps[i] = s.cellTempC() + (i % 3) - 1;
    }
    PackReadings pack = new PackReadings(Reading.good(s.packV()), Reading.good(s.packA()), cellsV,
        new int[CELLS], temps, new int[temps.length], Reading.good(s.socPercent()), Reading.good(98),
        Reading.good(5000), Contactor.CLOSED, new boolean[CELLS], 5);
    List<DriveReadings> drives = List.of(drive(0, s), drive(1, s));
    GensetReadings genset = new GensetReadings(true, Reading.good(1500), Reading.good(100), Reading.good(30),
        fuelUsedL, Reading.good(80));
    GnssFix fix = new GnssFix(43.25 + odometerM / 111_000.0, 76.95, s.speedKmh(), utc, 1, 9, nanos);
    MotionReadings motion = new MotionReadings(Reading.good(s.speedKmh()), odometerM, Optional.of(fix), s.keyOn());
    return new Snapshot(nanos, utc, ClockQuality.SYNCED, pack, drives, Optional.of(genset), motion);
  }

  private static DriveReadings drive(int index, State s) {
    return new DriveReadings(index, Reading.good(s.driveA()), Reading.good(s.speedKmh() * 40),
        Reading.good(s.packV()), Reading.good(s.windingC() + index), Reading.good(50), Reading.good(55),
        Reading.good(40));
  }

  public static Estimates estimates(State s) {
    CellStats cells = new CellStats(s.packV() / CELLS - 0.004, 2, s.packV() / CELLS + 0.004, 3, s.packV() / CELLS,
        s.cellTempC() - 1, 0, s.cellTempC() + 1, 1);
    return new Estimates(s.socPercent(), 2, 98, cells, 0, 0, 0, 0, 0, Optional.empty(), 0, List.of(), List.of(),
        EnergyTotals.zero(), true);
  }

  /** A 1-second telemetry frame for state {@code s} at {@code utc}. */
  public static TelemetryFrame frame(long sequence, Instant utc, State s, double odometerM, Random noise) {
    return frame(sequence, utc, s, odometerM, noise, CELLS, 0);
  }

  /**
   * A frame of a pack with {@code cells} series cells (216 in the reference pack), each cell
   * voltage with Gaussian noise of {@code cellNoiseMv} (one sigma) on top of the pattern.
   */
  public static TelemetryFrame frame(long sequence, Instant utc, State s, double odometerM, Random noise, int cells,
      double cellNoiseMv) {
    TelemetryFrame.Builder f = TelemetryFrame.newBuilder()
        .setHeader(Header.newBuilder().setLocomotiveId("TEST-001").setSequence(sequence)
            .setTimeUnixMs(utc.toEpochMilli()).setClockQuality(io.locolink.proto.v1.ClockQuality.CLOCK_SYNCED))
        .setSpanMs(1000);
    BatteryPack.Builder pack = BatteryPack.newBuilder();
    TractionDrive.Builder d0 = TractionDrive.newBuilder().setIndex(0);
    TractionDrive.Builder d1 = TractionDrive.newBuilder().setIndex(1);
    Motion.Builder motion = Motion.newBuilder();
    int lastV = 0;
    int lastA = 0;
    int lastD = 0;
    int lastRpm = 0;
    int lastSpeed = 0;
    for (int i = 0; i < 10; i++) {
      f.addSampleOffsetMs(i * 100);
      int v = (int) Math.round(s.packV() * 100 + noise.nextGaussian() * 5);
      int a = (int) Math.round(s.packA() * 10 + noise.nextGaussian() * 3);
      int d = (int) Math.round(s.driveA() * 10 + noise.nextGaussian() * 3);
      int rpm = (int) Math.round(s.speedKmh() * 40);
      int speed = (int) Math.round(s.speedKmh() * 100);
      pack.addVoltageCvDelta(v - lastV).addCurrentDaDelta(a - lastA);
      d0.addCurrentDaDelta(d - lastD).addSpeedRpmDelta(rpm - lastRpm);
      d1.addCurrentDaDelta(d - lastD).addSpeedRpmDelta(rpm - lastRpm);
      motion.addSpeedCmhDelta(speed - lastSpeed);
      lastV = v;
      lastA = a;
      lastD = d;
      lastRpm = rpm;
      lastSpeed = speed;
    }
    int lastMv = 0;
    for (int c = 0; c < cells; c++) {
      int mv = (int) Math.round((s.packV() / cells + ((c * 7) % 5 - 2) * 0.002) * 1000
          + noise.nextGaussian() * cellNoiseMv);
      pack.addCellMvDelta(mv - lastMv);
      lastMv = mv;
    }
    int lastT = 0;
    for (int t = 0; t < cells / 2; t++) {
      int dc = (int) Math.round((s.cellTempC() + (t % 3) - 1) * 10);
      pack.addCellTempDcDelta(dc - lastT);
      lastT = dc;
    }
    pack.setBmsSocPermille((int) Math.round(s.socPercent() * 10)).setStringsParallel(5);
    for (TractionDrive.Builder d : List.of(d0, d1)) {
      d.setDcLinkDv((int) Math.round(s.packV() * 10)).setWindingTempDc((int) Math.round(s.windingC() * 10))
          .setBearingTempDc(500).setInverterTempDc(550).setCoolantTempDc(400);
    }
    motion.setOdometerM(Math.round(odometerM)).setPosition(Position.newBuilder()
        .setLatitudeE7((int) Math.round((43.25 + odometerM / 111_000.0) * 1e7)).setLongitudeE7(769_500_000)
        .setFixQuality(1).setSatellites(9));
    int meanMv = (int) Math.round(s.packV() / cells * 1000);
    f.setBattery(pack).addDrives(d0).addDrives(d1).setMotion(motion)
        .setState(BatteryState.newBuilder().setSocPermille((int) Math.round(s.socPercent() * 10))
            .setCells(io.locolink.proto.v1.CellStats.newBuilder().setMinMv(meanMv - 4).setMaxMv(meanMv + 4)
                .setMeanMv(meanMv).setMinTempDc((int) Math.round((s.cellTempC() - 1) * 10))
                .setMaxTempDc((int) Math.round((s.cellTempC() + 1) * 10))));
    return f.build();
  }

  public static EnergyRecord energy(Instant periodEnd, long consumedWh, long regeneratedWh, long co2AvoidedG) {
    return EnergyRecord.newBuilder()
        .setHeader(Header.newBuilder().setLocomotiveId("TEST-001").setTimeUnixMs(periodEnd.toEpochMilli() - 300_000))
        .setConsumptionPointId("KZ-TEST-001").setPeriodEndUnixS(periodEnd.getEpochSecond()).setPeriodS(300)
        .setConsumedWh(consumedWh).setRegeneratedWh(regeneratedWh).setCo2AvoidedG(co2AvoidedG)
        .setGensetWh(consumedWh / 3).setDepotChargeWh(0).setTimeStatus(DataStatus.DATA_VALID)
        .setEnergyStatus(DataStatus.DATA_VALID).setLocationStatus(DataStatus.DATA_MISSING).build();
  }

  public static Alarm alarm(Instant at, AlarmEvent event, int suppressed) {
    return Alarm.newBuilder()
        .setHeader(Header.newBuilder().setLocomotiveId("TEST-001").setTimeUnixMs(at.toEpochMilli()))
        .setCode("CELL_TEMPERATURE_SPREAD").setTier(AlarmTier.ALARM_NOTE).setEvent(event)
        .setChannel(Channel.CHANNEL_CELL_TEMPERATURE)
        .setValueMilli(9000).setLimitMilli(8000).setUnit("degC").setSuppressed(suppressed).build();
  }

  /**
   * One acquisition cycle as the pipeline hands it to {@code TripRecorder.onCycle}, its one input:
   * the snapshot and estimates, and the messages encoded in that cycle.
   *
   * @param frame the frame the cycle completed, or null
   */
  public static CycleRecords cycle(Snapshot snapshot, Estimates estimates, TelemetryFrame frame,
      List<EnergyRecord> energy, List<Alarm> alarms) {
    return new CycleRecords(snapshot, estimates, frame == null ? List.of() : List.of(frame.toByteArray()),
        energy.stream().map(e -> new CycleRecords.Encoded<>(EnergyRecordCodec.fromProto(e), e.toByteArray())).toList(),
        alarms.stream().map(a -> new CycleRecords.Encoded<>(AlarmCodec.fromProto(a), a.toByteArray())).toList());
  }

  /**
   * Drives {@code recorder} through a shunting trip of {@code seconds}: moves of 0..40 km/h with
   * braking phases, an alarm raised at 40 % and cleared at 60 % of the trip, an energy record
   * every 300 s; then finishes the trip.
   */
  public static io.locolink.gateway.trips.FinishedTrip drive(io.locolink.gateway.trips.TripRecorder recorder,
      Instant start, long startNanos, int seconds) {
    Random noise = new Random(start.getEpochSecond());
    double odo = 10_000;
    for (int t = 0; t <= seconds; t++) {
      double phase = (t % 600) / 600.0;
      double speed = phase < 0.3 ? phase / 0.3 * 40 : phase < 0.6 ? 40 : phase < 0.8 ? (0.8 - phase) / 0.2 * 40 : 0;
      boolean braking = phase >= 0.6 && phase < 0.8;
      double packA = braking ? -180 : speed > 0 ? 250 + speed * 3 : 15;
      double driveA = braking ? -200 : speed > 0 ? 240 : 0;
      State s = new State(true, speed, 690 - packA * 0.02, packA, driveA, 22 + t / 400.0, 60 + t / 100.0,
          85 - t * 0.004);
      odo += speed / 3.6;
      Instant now = start.plusSeconds(t);
      List<Alarm> alarms = t == seconds * 4 / 10 ? List.of(alarm(now, AlarmEvent.ALARM_RAISED, 0))
          : t == seconds * 6 / 10 ? List.of(alarm(now, AlarmEvent.ALARM_CLEARED, 0)) : List.of();
      List<EnergyRecord> energy = t > 0 && t % 300 == 0 ? List.of(energy(now, 20_000 + t, 3_000, 4_000)) : List.of();
      recorder.onCycle(cycle(snapshot(startNanos + t * 1_000_000_000L, now, s, odo, 100 + t * 0.004), estimates(s),
          frame(t, now, s, odo, noise), energy, alarms));
    }
    return recorder.finishNow().orElseThrow();
  }
}
