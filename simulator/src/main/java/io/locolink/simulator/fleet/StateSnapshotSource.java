package io.locolink.simulator.fleet;

import io.locolink.gateway.acquisition.ClockQuality;
import io.locolink.gateway.acquisition.Contactor;
import io.locolink.gateway.acquisition.DriveReadings;
import io.locolink.gateway.acquisition.GensetReadings;
import io.locolink.gateway.acquisition.GnssFix;
import io.locolink.gateway.acquisition.MotionReadings;
import io.locolink.gateway.acquisition.PackReadings;
import io.locolink.gateway.acquisition.Reading;
import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.acquisition.SnapshotSource;
import io.locolink.simulator.physics.LocomotiveState;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A light {@link SnapshotSource} for large fleets: maps the simulated state straight to a
 * snapshot, every reading good and exact, with no emulated chips, buses or noise in between. The
 * monotonic clock is the simulation's time; UTC comes from the given clock, so latency measured on
 * the ground is real. Called from one thread.
 */
final class StateSnapshotSource implements SnapshotSource {

  /** Satellites reported with every fix (a good open-sky fix). */
  private static final int SATELLITES = 12;

  private final Supplier<LocomotiveState> state;
  private final InstantSource utc;

  /**
   * @param state the locomotive's latest state, read once per {@link #acquire()}
   * @param utc the gateway's UTC clock, labels the snapshot
   */
  StateSnapshotSource(Supplier<LocomotiveState> state, InstantSource utc) {
    this.state = state;
    this.utc = utc;
  }

  @Override
  public Snapshot acquire() {
    LocomotiveState s = state.get();
    long nanos = Math.round(s.timeS() * 1e9);
    var now = utc.instant();
    int cells = s.cellVoltagesV().length;
    int sensors = s.cellTemperaturesC().length;
    PackReadings pack = new PackReadings(Reading.good(s.packVoltageV()), Reading.good(s.packCurrentA()),
        s.cellVoltagesV().clone(), new int[cells], s.cellTemperaturesC().clone(), new int[sensors],
        Reading.good(s.socTrue() * 100), Reading.good(s.sohTrue() * 100), Reading.good(s.insulationOhm() / 1000),
        s.contactorClosed() ? Contactor.CLOSED : Contactor.OPEN, s.balancing().clone(), s.stringsParallel());
    List<DriveReadings> drives = new ArrayList<>(s.drives().size());
    for (int i = 0; i < s.drives().size(); i++) {
      LocomotiveState.DriveState d = s.drives().get(i);
      drives.add(new DriveReadings(i, Reading.good(d.dcCurrentA()), Reading.good(d.motorRpm()),
          Reading.good(d.dcLinkV()), Reading.good(d.windingC()), Reading.good(d.bearingC()),
          Reading.good(d.inverterC()), Reading.good(d.coolantC())));
    }
    Optional<GensetReadings> genset = s.genset().map(g -> new GensetReadings(g.running(), Reading.good(g.engineRpm()),
        Reading.good(g.powerKw()), Reading.good(g.fuelFlowLph()), g.fuelUsedL(), Reading.good(g.coolantC())));
    GnssFix fix = new GnssFix(s.latitudeDeg(), s.longitudeDeg(), s.speedKmh(), now, 1, SATELLITES, nanos);
    MotionReadings motion = new MotionReadings(Reading.good(s.speedKmh()), s.odometerM(), Optional.of(fix), s.keyOn());
    return new Snapshot(nanos, now, ClockQuality.SYNCED, pack, drives, genset, motion);
  }

  @Override
  public void close() {
    // nothing held
  }
}
