package io.locolink.gateway.estimation;

import io.locolink.gateway.acquisition.ClockQuality;
import io.locolink.gateway.acquisition.Contactor;
import io.locolink.gateway.acquisition.DriveReadings;
import io.locolink.gateway.acquisition.GensetReadings;
import io.locolink.gateway.acquisition.GnssFix;
import io.locolink.gateway.acquisition.MotionReadings;
import io.locolink.gateway.acquisition.PackReadings;
import io.locolink.gateway.acquisition.Reading;
import io.locolink.gateway.acquisition.Snapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Builds snapshots for tests; every field starts at a plausible resting pack. Mutable. */
final class SnapshotBuilder {

  long monoNanos = 1_000_000_000_000L;
  Instant utc = Instant.parse("2026-11-25T08:00:00Z");
  ClockQuality clock = ClockQuality.SYNCED;
  Reading packV = Reading.good(700);
  Reading packA = Reading.good(0);
  double[] cellV = filled(4, 3.30);
  int[] cellVFlags = new int[4];
  double[] cellT = filled(4, 20);
  int[] cellTFlags = new int[4];
  Reading bmsSoc = Reading.good(50);
  Reading bmsSoh = Reading.good(100);
  Reading insulationKohm = Reading.good(5000);
  Contactor contactor = Contactor.CLOSED;
  List<DriveReadings> drives = new ArrayList<>();
  Optional<GensetReadings> genset = Optional.empty();
  Reading speedKmh = Reading.good(0);
  Optional<GnssFix> fix = Optional.empty();
  boolean keyOn = true;

  static double[] filled(int n, double v) {
    double[] a = new double[n];
    Arrays.fill(a, v);
    return a;
  }

  SnapshotBuilder pack(double volts, double amps) {
    packV = Reading.good(volts);
    packA = Reading.good(amps);
    return this;
  }

  SnapshotBuilder cells(double... volts) {
    cellV = volts.clone();
    cellVFlags = new int[volts.length];
    if (cellT.length != volts.length) {
      cellT = filled(volts.length, 20);
      cellTFlags = new int[volts.length];
    }
    return this;
  }

  SnapshotBuilder temps(double... celsius) {
    cellT = celsius.clone();
    cellTFlags = new int[celsius.length];
    return this;
  }

  SnapshotBuilder speed(double kmh) {
    speedKmh = Reading.good(kmh);
    return this;
  }

  SnapshotBuilder drive(double dcLinkV, double amps) {
    drives = new ArrayList<>(List.of(drive(0, dcLinkV, amps, 80, 50, 60)));
    return this;
  }

  static DriveReadings drive(int index, double dcLinkV, double amps, double windingC, double bearingC, double inverterC) {
    return new DriveReadings(index, Reading.good(amps), Reading.good(1000), Reading.good(dcLinkV),
        Reading.good(windingC), Reading.good(bearingC), Reading.good(inverterC), Reading.good(40));
  }

  SnapshotBuilder genset(boolean running, double powerKw, double fuelUsedL) {
    genset = Optional.of(new GensetReadings(running, Reading.good(running ? 1500 : 0), Reading.good(powerKw),
        Reading.good(0), fuelUsedL, Reading.good(80)));
    return this;
  }

  /** A valid fix received {@code ageS} seconds before the current monotonic time, with matching UTC. */
  SnapshotBuilder fixAged(double ageS) {
    long ageNanos = Math.round(ageS * 1e9);
    fix = Optional.of(new GnssFix(51.1694, 71.4491, 0, utc.minusNanos(ageNanos), 1, 9, monoNanos - ageNanos));
    return this;
  }

  /** Advances both clocks by {@code seconds}. */
  SnapshotBuilder advance(double seconds) {
    long nanos = Math.round(seconds * 1e9);
    monoNanos += nanos;
    utc = utc.plusNanos(nanos);
    return this;
  }

  Snapshot build() {
    PackReadings pack = new PackReadings(packV, packA, cellV.clone(), cellVFlags.clone(), cellT.clone(),
        cellTFlags.clone(), bmsSoc, bmsSoh, insulationKohm, contactor, new boolean[cellV.length], 1);
    MotionReadings motion = new MotionReadings(speedKmh, 0, fix, keyOn);
    return new Snapshot(monoNanos, utc, clock, pack, drives, genset, motion);
  }
}
