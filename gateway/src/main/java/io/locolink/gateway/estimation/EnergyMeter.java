package io.locolink.gateway.estimation;

import io.locolink.gateway.acquisition.GensetReadings;
import io.locolink.gateway.acquisition.GnssFix;
import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.config.EstimationConfig;
import io.locolink.gateway.estimation.EnergyPeriod.EnergyQuality;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Integrates pack power into cumulative registers and compiles them into UTC-aligned periods.
 *
 * <p>Integration uses the rectangle rule on the monotonic clock: a snapshot's power flows are held
 * until the next snapshot, so energy = sum of P(k) x (t(k+1) - t(k)), exact to the sample. An
 * interval that straddles a period boundary is split where the boundary falls, located on the
 * monotonic clock through the newer snapshot's UTC; a UTC step therefore moves energy between
 * periods at most, never creates or loses it. Intervals longer than {@code maxSampleGapS} are not
 * integrated (the energy is unknown) and mark the period incomplete with uncertain energy.
 * Snapshots whose monotonic stamp does not advance are ignored. Not thread-safe.
 */
final class EnergyMeter {

  private final EstimationConfig config;
  private final PowerClassifier classifier;
  private final Co2Account co2;
  private EnergyTotals registers = EnergyTotals.zero();
  private OpenPeriod open;
  private Snapshot prev;
  private SampleFlows prevFlows = SampleFlows.none();
  private int pendingBits;
  private SuspendedPeriod toResume;

  EnergyMeter(EstimationConfig config, PackTopology topology, double driveCurrentDeadbandA) {
    this.config = config;
    this.classifier = new PowerClassifier(topology, config.standstillKmh(), config.co2().idlePowerKw(),
        driveCurrentDeadbandA);
    this.co2 = new Co2Account(config.co2());
  }

  /** The cumulative registers after the latest snapshot. */
  EnergyTotals registers() {
    return registers;
  }

  /** Folds in one snapshot with its clock judgement; returns the periods it closed. */
  List<EnergyPeriod> update(Snapshot s, ClockObservation clock) {
    if (prev != null && s.monotonicNanos() <= prev.monotonicNanos()) {
      return List.of();
    }
    SampleFlows flows = classifier.classify(s);
    List<EnergyPeriod> closed = new ArrayList<>(1);
    if (prev == null && toResume != null) {
      resumeAt(s, closed);
    } else if (prev == null) {
      openAt(s, !s.utc().equals(OpenPeriod.slotStart(s.utc(), config.periodS())));
    } else {
      integrateInterval(s, clock, closed);
    }
    open.quality().clock(clock);
    prev = s;
    prevFlows = flows;
    return closed;
  }

  private void integrateInterval(Snapshot s, ClockObservation clock, List<EnergyPeriod> closed) {
    double dtS = (s.monotonicNanos() - prev.monotonicNanos()) / 1e9;
    boolean gap = dtS > config.maxSampleGapS();
    double dieselL = dieselBetween(prev, s);
    double remainingS = dtS;
    if (!open.contains(s.utc())) {
      long boundaryMono = s.monotonicNanos() - Duration.between(open.end(), s.utc()).toNanos();
      long clampedMono = Math.max(prev.monotonicNanos(), Math.min(s.monotonicNanos(), boundaryMono));
      double beforeS = gap ? 0 : (clampedMono - prev.monotonicNanos()) / 1e9;
      integrate(beforeS, dieselL * beforeS / dtS);
      if (gap) {
        open.quality().gap();
      }
      if (clock.stepped()) {
        open.quality().mark(EnergyQuality.CLOCK_SET);
      }
      closed.add(closeOpen(clampedMono));
      boolean continuous = OpenPeriod.slotStart(s.utc(), config.periodS()).equals(open.end());
      openAt(s, gap || clock.stepped() || !continuous);
      remainingS = dtS - beforeS;
    }
    if (gap) {
      open.quality().gap();
    } else {
      integrate(remainingS, dieselL * remainingS / dtS);
    }
  }

  private void integrate(double dtS, double dieselL) {
    registers = registers.plus(prevFlows, dtS, dieselL);
    open.quality().interval(prevFlows, dtS);
  }

  /**
   * The first snapshot after a restart with a suspended period: continues it when the snapshot lies
   * in its slot, else hands it over closed and opens the snapshot's own period.
   */
  private void resumeAt(Snapshot s, List<EnergyPeriod> closed) {
    SuspendedPeriod p = toResume;
    toResume = null;
    if (p.periodS() == config.periodS() && p.slotStart().equals(OpenPeriod.slotStart(s.utc(), config.periodS()))) {
      open = OpenPeriod.resumed(p, registers);
      open.quality().gap();  // the time the gateway was down is not measured
      applyPendingBits();
    } else {
      closed.add(p.asClosed());
      openAt(s, !s.utc().equals(OpenPeriod.slotStart(s.utc(), config.periodS())));
    }
  }

  private void openAt(Snapshot s, boolean incomplete) {
    open = new OpenPeriod(OpenPeriod.slotStart(s.utc(), config.periodS()), config.periodS(), registers);
    if (incomplete) {
      open.quality().mark(EnergyQuality.INCOMPLETE_PERIOD);
    }
    applyPendingBits();
  }

  private void applyPendingBits() {
    for (EnergyQuality q : EnergyQuality.values()) {
      if ((pendingBits & q.bit()) != 0) {
        open.quality().mark(q);
      }
    }
    pendingBits = 0;
  }

  private EnergyPeriod closeOpen(long endMonoNanos) {
    Optional<GnssFix> fix = prev.motion().fix();
    double fixAgeS = fix.map(f -> (endMonoNanos - f.monotonicNanos()) / 1e9).orElse(0.0);
    return open.close(config.consumptionPointId(), registers, fix, Math.max(0, fixAgeS), config.fixMaxAgeS(), co2);
  }

  /**
   * Marks the open period (or, before the first snapshot, the first one) with {@code bit}, e.g.
   * {@link EnergyQuality#CONFIG_CHANGED} or {@link EnergyQuality#POWER_RECOVERY}.
   */
  void mark(EnergyQuality bit) {
    if (open == null) {
      pendingBits |= bit.bit();
    } else {
      open.quality().mark(bit);
    }
  }

  /**
   * Closes the open period early (shutdown or power failure): it is marked incomplete, and
   * POWER_FAIL when {@code powerFail}. Empty before the first snapshot. The next snapshot opens
   * a new, incomplete period.
   */
  Optional<EnergyPeriod> closeEarly(boolean powerFail) {
    if (open == null) {
      return Optional.empty();
    }
    open.quality().mark(EnergyQuality.INCOMPLETE_PERIOD);
    if (powerFail) {
      open.quality().mark(EnergyQuality.POWER_FAIL);
    }
    EnergyPeriod period = closeOpen(prev.monotonicNanos());
    open = null;
    prev = null;
    prevFlows = SampleFlows.none();
    return Optional.of(period);
  }

  /**
   * Stops the open period without closing it for good (a clean stop): it comes back marked
   * incomplete, with the form it would have if closed now. Empty before the first snapshot or when
   * none is open. The next snapshot opens a new period.
   */
  Optional<SuspendedPeriod> suspend() {
    if (open == null) {
      return Optional.empty();
    }
    open.quality().mark(EnergyQuality.INCOMPLETE_PERIOD);
    SuspendedPeriod suspended = open.suspend(registers, closeOpen(prev.monotonicNanos()));
    open = null;
    prev = null;
    prevFlows = SampleFlows.none();
    return Optional.of(suspended);
  }

  /**
   * Continues {@code suspended} at the first snapshot if that lies in its slot; otherwise the first
   * snapshot's update returns it closed (as {@link SuspendedPeriod#asClosed()}). Call before the
   * first snapshot.
   *
   * @throws IllegalStateException after the first snapshot
   */
  void resume(SuspendedPeriod suspended) {
    if (prev != null) {
      throw new IllegalStateException("a suspended period is resumed only before the first snapshot");
    }
    toResume = suspended;
  }

  /** Diesel the genset's fuel counter advanced between two snapshots, litres; 0 if it went back. */
  private double dieselBetween(Snapshot a, Snapshot b) {
    if (a.genset().isEmpty() || b.genset().isEmpty()) {
      return 0;
    }
    double d = b.genset().map(GensetReadings::fuelUsedL).orElseThrow() - a.genset().map(GensetReadings::fuelUsedL).orElseThrow();
    if (d < 0) {
      open.quality().mark(EnergyQuality.MEASUREMENT_FAULT);
      return 0;
    }
    return d;
  }
}
