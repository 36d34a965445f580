package io.locolink.simulator.fleet;

import io.locolink.proto.v1.BatteryPack;
import io.locolink.proto.v1.ClockQuality;
import io.locolink.proto.v1.Contactor;
import io.locolink.proto.v1.Genset;
import io.locolink.proto.v1.Header;
import io.locolink.proto.v1.Motion;
import io.locolink.proto.v1.Position;
import io.locolink.proto.v1.TelemetryFrame;
import io.locolink.proto.v1.TractionDrive;
import io.locolink.simulator.physics.LocomotiveState;

/**
 * Builds a one-sample telemetry frame (wire contract v1) straight from a simulated state, for
 * fleet load tests. Scaling and delta coding follow the field comments in telemetry.proto. Pure.
 */
final class TelemetryFrames {

  private TelemetryFrames() {}

  /**
   * @param spanStartMs UTC at the start of the frame's span, ms since the epoch
   * @param spanMs frame span, ms
   */
  static TelemetryFrame build(String locomotiveId, long bootId, long sequence, long spanStartMs, int spanMs,
      LocomotiveState s) {
    Header header = Header.newBuilder().setLocomotiveId(locomotiveId).setBootId(bootId).setSequence(sequence)
        .setTimeUnixMs(spanStartMs).setClockQuality(ClockQuality.CLOCK_SYNCED).build();
    BatteryPack.Builder pack = BatteryPack.newBuilder()
        .addVoltageCvDelta((int) Math.round(s.packVoltageV() * 100))
        .addCurrentDaDelta((int) Math.round(s.packCurrentA() * 10))
        .setBmsSocPermille((int) Math.round(s.socTrue() * 1000))
        .setBmsSohPermille((int) Math.round(s.sohTrue() * 1000))
        .setInsulationKohm((int) Math.min(Integer.MAX_VALUE, Math.round(s.insulationOhm() / 1000)))
        .setContactor(s.contactorClosed() ? Contactor.CONTACTOR_CLOSED : Contactor.CONTACTOR_OPEN)
        .setStringsParallel(s.stringsParallel());
    int previous = 0;
    for (double v : s.cellVoltagesV()) {
      int mv = (int) Math.round(v * 1000);
      pack.addCellMvDelta(mv - previous);
      previous = mv;
    }
    previous = 0;
    for (double c : s.cellTemperaturesC()) {
      int dc = (int) Math.round(c * 10);
      pack.addCellTempDcDelta(dc - previous);
      previous = dc;
    }
    byte[] bits = new byte[(s.balancing().length + 7) / 8];
    for (int i = 0; i < s.balancing().length; i++) {
      if (s.balancing()[i]) {
        bits[i / 8] |= (byte) (1 << (i % 8));
      }
    }
    pack.setBalancing(com.google.protobuf.ByteString.copyFrom(bits));
    TelemetryFrame.Builder frame = TelemetryFrame.newBuilder().setHeader(header).setSpanMs(spanMs)
        .addSampleOffsetMs(0).setBattery(pack);
    for (int i = 0; i < s.drives().size(); i++) {
      LocomotiveState.DriveState d = s.drives().get(i);
      frame.addDrives(TractionDrive.newBuilder().setIndex(i)
          .addCurrentDaDelta((int) Math.round(d.dcCurrentA() * 10))
          .addSpeedRpmDelta((int) Math.round(d.motorRpm()))
          .setDcLinkDv((int) Math.round(d.dcLinkV() * 10))
          .setWindingTempDc((int) Math.round(d.windingC() * 10))
          .setBearingTempDc((int) Math.round(d.bearingC() * 10))
          .setInverterTempDc((int) Math.round(d.inverterC() * 10))
          .setCoolantTempDc((int) Math.round(d.coolantC() * 10)));
    }
    s.genset().ifPresent(g -> frame.setGenset(Genset.newBuilder().setRunning(g.running())
        .setEngineRpm((int) Math.round(g.engineRpm()))
        .setPowerKwX10((int) Math.round(g.powerKw() * 10))
        .setFuelFlowMlPerMin((int) Math.round(g.fuelFlowLph() * 1000 / 60))
        .setFuelUsedMl(Math.round(g.fuelUsedL() * 1000))
        .setCoolantTempDc((int) Math.round(g.coolantC() * 10))));
    frame.setMotion(Motion.newBuilder()
        .addSpeedCmhDelta((int) Math.round(s.speedKmh() * 100))
        .setOdometerM(Math.round(s.odometerM()))
        .setPosition(Position.newBuilder().setLatitudeE7((int) Math.round(s.latitudeDeg() * 1e7))
            .setLongitudeE7((int) Math.round(s.longitudeDeg() * 1e7)).setFixQuality(1).setSatellites(12))
        .setGnssSpeedCmh((int) Math.round(s.speedKmh() * 100)));
    return frame.build();
  }
}
