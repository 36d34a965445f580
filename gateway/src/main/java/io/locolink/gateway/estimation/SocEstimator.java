package io.locolink.gateway.estimation;

import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.config.EstimationConfig;

/**
 * State of charge by coulomb counting, corrected from the open-circuit voltage only where the LFP
 * curve is steep enough to tell. Counting uses the rectangle rule on the monotonic clock with the
 * last good pack current; while the current is flagged, the whole held current counts as
 * uncertainty. The one-sigma uncertainty grows with the charge counted (sensor gain
 * error) and the time counted (sensor offset). After {@code ocvRestMinutes} of rest, the mean good
 * cell voltage gives an OCV reading whose own sigma is the OCV error over the curve's local slope;
 * if that is below {@code ocvMaxSigmaPercent} it is fused with the count (weighted by the two
 * variances), once per rest. The first guess is the BMS's SoC with {@code initialSigmaPercent}
 * (50 % +- 50 % without one); the BMS reports its SoC only once its status has been read, which
 * may be a few cycles after the first snapshot (or later, if it was silent), so until the BMS's
 * SoC or an OCV reading has informed the estimate, the first trusted BMS SoC to arrive replaces
 * the no-information guess. The first SoH is the BMS's, later ones come from {@link HealthTracker}.
 * Not thread-safe.
 */
final class SocEstimator {

  private final EstimationConfig.Soc config;
  private final OcvCurve curve = OcvCurve.lfp();
  private final double ratedAh;
  private HealthTracker health;
  private boolean started;
  private double soc;
  private double sigma;
  private long lastMonoNanos;
  private double lastCurrentA;
  private boolean currentTrusted = true;
  private double dischargedAh;
  private double restS;
  private boolean correctedThisRest;
  private boolean seededFromBms;

  SocEstimator(EstimationConfig config) {
    this.config = config.soc();
    this.ratedAh = config.packCapacityAh();
  }

  SocState update(Snapshot s, CellStats cells) {
    if (!started) {
      start(s);
    } else if (s.monotonicNanos() > lastMonoNanos) {
      count((s.monotonicNanos() - lastMonoNanos) / 1e9);
    }
    if (!seededFromBms && PowerClassifier.trusted(s.pack().bmsSocPercent())) {
      // The BMS answered after the first cycle: its SoC is a far better first guess than 50 +/- 50.
      seedFromBms(s);
    }
    lastMonoNanos = Math.max(lastMonoNanos, s.monotonicNanos());
    currentTrusted = PowerClassifier.trusted(s.pack().currentA());
    if (currentTrusted) {
      lastCurrentA = s.pack().currentA().value();
    }
    if (Math.abs(lastCurrentA) >= config.restCurrentA()) {
      restS = 0;
      correctedThisRest = false;
    }
    boolean corrected = false;
    if (!correctedThisRest && restS >= config.ocvRestMinutes() * 60 && !Double.isNaN(cells.meanV())) {
      corrected = correct(cells.meanV());
      correctedThisRest = true;
    }
    return new SocState(soc, sigma, health.sohPercent(), corrected, seededFromBms);
  }

  private void start(Snapshot s) {
    started = true;
    lastMonoNanos = s.monotonicNanos();
    soc = 50;
    sigma = 50;
    boolean sohGood = PowerClassifier.trusted(s.pack().bmsSohPercent())
        && s.pack().bmsSohPercent().value() > 0 && s.pack().bmsSohPercent().value() <= 110;
    health = new HealthTracker(ratedAh, sohGood ? s.pack().bmsSohPercent().value() : 100);
  }

  /** Takes the BMS's SoC (and SoH, when plausible) as the guess; only before any OCV anchor. */
  private void seedFromBms(Snapshot s) {
    seededFromBms = true;
    soc = clamp(s.pack().bmsSocPercent().value());
    sigma = config.initialSigmaPercent();
    boolean sohGood = PowerClassifier.trusted(s.pack().bmsSohPercent())
        && s.pack().bmsSohPercent().value() > 0 && s.pack().bmsSohPercent().value() <= 110;
    if (sohGood) {
      health = new HealthTracker(ratedAh, s.pack().bmsSohPercent().value());
    }
  }

  private void count(double dtS) {
    double ah = lastCurrentA * dtS / 3600;
    double capacityAh = health.capacityAh();
    dischargedAh += ah;
    soc = clamp(soc - ah / capacityAh * 100);
    double gain = currentTrusted ? config.currentGainError() : 1.0;
    double errorAh = (gain * Math.abs(lastCurrentA) + config.currentOffsetErrorA()) * dtS / 3600;
    sigma = Math.min(100, sigma + errorAh / capacityAh * 100);
    if (Math.abs(lastCurrentA) < config.restCurrentA()) {
      restS += dtS;
    }
  }

  private boolean correct(double meanCellV) {
    double ocvSoc = curve.socPercent(meanCellV);
    double ocvSigma = config.ocvVoltageErrorV() / curve.slopeVPerPercent(ocvSoc);
    if (ocvSigma > config.ocvMaxSigmaPercent()) {
      return false;
    }
    double k = sigma * sigma / (sigma * sigma + ocvSigma * ocvSigma);
    soc = clamp(soc + k * (ocvSoc - soc));
    sigma = Math.sqrt(sigma * sigma * ocvSigma * ocvSigma / (sigma * sigma + ocvSigma * ocvSigma));
    health.anchor(ocvSoc, dischargedAh);
    // an OCV reading informs the estimate better than a BMS that answers only now would
    seededFromBms = true;
    return true;
  }

  private static double clamp(double percent) {
    return Math.max(0, Math.min(100, percent));
  }
}
