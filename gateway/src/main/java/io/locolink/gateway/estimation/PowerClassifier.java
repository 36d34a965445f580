package io.locolink.gateway.estimation;

import io.locolink.gateway.acquisition.Contactor;
import io.locolink.gateway.acquisition.DriveReadings;
import io.locolink.gateway.acquisition.GensetReadings;
import io.locolink.gateway.acquisition.QualityFlag;
import io.locolink.gateway.acquisition.Reading;
import io.locolink.gateway.acquisition.Snapshot;

/**
 * Splits a snapshot's pack power into consumed, regenerated, depot and genset charge.
 *
 * <p>Battery power is pack voltage x pack current (positive = discharge). Charge power goes first
 * to braking, up to the power the drives return to the DC bus; the rest comes from the genset when
 * it runs, else from a depot charger when the locomotive stands still, else (moving, no genset, no
 * drive reading explaining it) it is booked as regeneration. A drive whose current reading lies
 * within {@code driveCurrentDeadbandA} of zero carries no power here: its reading is the ADC's
 * offset and noise, and taking its sign as braking would book that noise as regeneration whenever
 * the genset or a charger feeds the pack. A flagged voltage or current is
 * replaced by its last good value and the sample is marked as a measurement fault, as is a flagged
 * genset power while the genset runs (counted as 0). Not thread-safe.
 */
final class PowerClassifier {

  private static final int CLOCK_ONLY = QualityFlag.UNSYNCED_CLOCK.bit();

  private final PackTopology topology;
  private final double standstillKmh;
  private final double idlePowerW;
  private final double driveCurrentDeadbandA;
  private double lastGoodVoltageV;
  private double lastGoodCurrentA;

  PowerClassifier(PackTopology topology, double standstillKmh, double idlePowerKw, double driveCurrentDeadbandA) {
    this.topology = topology;
    this.driveCurrentDeadbandA = driveCurrentDeadbandA;
    this.standstillKmh = standstillKmh;
    this.idlePowerW = idlePowerKw * 1000;
  }

  SampleFlows classify(Snapshot s) {
    boolean fault = false;
    if (trusted(s.pack().voltageV())) {
      lastGoodVoltageV = s.pack().voltageV().value();
    } else {
      fault = true;
    }
    if (trusted(s.pack().currentA())) {
      lastGoodCurrentA = s.pack().currentA().value();
    } else {
      fault = true;
    }
    double batteryW = lastGoodVoltageV * lastGoodCurrentA;
    double consumedW = Math.max(batteryW, 0);
    double inflowW = Math.max(-batteryW, 0);
    double drivesW = drivesW(s);
    double gensetW = s.genset().filter(GensetReadings::running).map(PowerClassifier::gensetW).orElse(0.0);
    boolean gensetRunning = s.genset().map(GensetReadings::running).orElse(false);
    fault |= gensetRunning && !trusted(s.genset().orElseThrow().powerKw());
    double regenW = Math.min(inflowW, Math.max(-drivesW, 0));
    double restW = inflowW - regenW;
    double gensetChargeW = 0;
    double depotW = 0;
    if (gensetRunning) {
      gensetChargeW = restW;
    } else if (standingStill(s)) {
      depotW = restW;
    } else {
      regenW += restW;
    }
    double tractionW = s.drives().isEmpty() ? Math.max(batteryW + gensetW, 0) : Math.max(drivesW, 0);
    boolean idling = s.motion().keyOn() && tractionW < idlePowerW;
    boolean voltageTrusted = trusted(s.pack().voltageV());
    double v = s.pack().voltageV().value();
    boolean over = voltageTrusted && v > topology.maxPackV();
    boolean under = voltageTrusted && s.pack().contactor() == Contactor.CLOSED && v < topology.minPackV();
    return new SampleFlows(consumedW, regenW, depotW, gensetChargeW, gensetW, tractionW, idling, fault, over, under);
  }

  private boolean standingStill(Snapshot s) {
    return Math.abs(s.motion().wheelSpeedKmh().value()) < standstillKmh;
  }

  private double drivesW(Snapshot s) {
    double sum = 0;
    for (DriveReadings d : s.drives()) {
      if (trusted(d.currentA()) && trusted(d.dcLinkV()) && Math.abs(d.currentA().value()) >= driveCurrentDeadbandA) {
        sum += d.currentA().value() * d.dcLinkV().value();
      }
    }
    return sum;
  }

  private static double gensetW(GensetReadings g) {
    return trusted(g.powerKw()) ? Math.max(g.powerKw().value(), 0) * 1000 : 0;
  }

  /** A reading is trusted when its only flag, if any, is the unsynced clock (time, not value). */
  static boolean trusted(Reading r) {
    return trustedFlags(r.flags());
  }

  /** True when a quality mask has no flag other than the unsynced clock. */
  static boolean trustedFlags(int flags) {
    return (flags & ~CLOCK_ONLY) == 0;
  }
}
