package io.locolink.gateway.estimation;

import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.config.EstimationConfig;
import java.util.Optional;

/**
 * State of charge by coulomb counting, corrected from the open-circuit voltage only where the LFP
 * curve is steep enough to tell. Counting uses the rectangle rule on the monotonic clock with the
 * last good pack current; while the current is flagged, the whole held current counts as
 * uncertainty. The one-sigma uncertainty is the sum of what counting adds and what the capacity
 * does not tell: counting adds the sensor's gain error on the charge counted and its offset error
 * (which may drift by {@code currentOffsetDriftAPerH} per hour since the last OCV reading, up to
 * {@code currentOffsetMaxErrorA}) on the time counted; the capacity's own relative error applies to
 * the net charge counted since the last OCV reading. After {@code ocvRestMinutes} of rest, the mean
 * good cell voltage gives an OCV reading whose own sigma is the larger SoC shift an OCV error of
 * {@code ocvVoltageErrorV} either way would cause (near a knee the flat side counts), combined with
 * the curve's own error for these cells ({@code ocvCurveErrorPercent}); if that is below {@code
 * ocvMaxSigmaPercent} it is fused with the count (weighted by the two variances), once per rest,
 * and {@link HealthTracker} learns the capacity from readings far apart. The first guess is the BMS's SoC with {@code initialSigmaPercent}
 * (50 % +- 50 % without one); the BMS reports its SoC only once its status has been read, which
 * may be a few cycles after the first snapshot (or later, if it was silent), so until the BMS's
 * SoC or an OCV reading has informed the estimate, the first trusted BMS SoC to arrive replaces
 * the no-information guess. The first SoH is the BMS's (or the capacity an earlier run learned,
 * {@link #useLearnedCapacity}), later ones come from {@link HealthTracker}.
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
  private double netAhSinceAnchor;
  private double hoursSinceAnchor;
  private double restS;
  private boolean correctedThisRest;
  private boolean seededFromBms;
  private LearnedCapacity learnedBefore;

  SocEstimator(EstimationConfig config) {
    this.config = config.soc();
    this.ratedAh = config.packCapacityAh();
  }

  /**
   * Starts from a capacity learned by an earlier run instead of the BMS's SoH; ignored if it was
   * learned against another rated capacity. Call before the first update.
   *
   * @throws IllegalStateException after the first update
   * @return whether it was taken
   */
  boolean useLearnedCapacity(LearnedCapacity capacity) {
    if (started) {
      throw new IllegalStateException("a learned capacity is taken only before the first snapshot");
    }
    if (Math.abs(capacity.ratedAh() - ratedAh) > 1e-9 * ratedAh) {
      return false;
    }
    learnedBefore = capacity;
    return true;
  }

  /** The capacity learned so far (or taken from an earlier run); empty before any was. */
  Optional<LearnedCapacity> learnedCapacity() {
    return health == null ? Optional.ofNullable(learnedBefore) : health.learned();
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
    return new SocState(soc, reportedSigma(), health.sohPercent(), corrected, seededFromBms);
  }

  private void start(Snapshot s) {
    started = true;
    lastMonoNanos = s.monotonicNanos();
    soc = 50;
    sigma = 50;
    boolean sohGood = PowerClassifier.trusted(s.pack().bmsSohPercent())
        && s.pack().bmsSohPercent().value() > 0 && s.pack().bmsSohPercent().value() <= 110;
    health = learnedBefore != null ? HealthTracker.from(learnedBefore, config.currentGainError())
        : newHealth(sohGood ? s.pack().bmsSohPercent().value() : 100);
  }

  /** Takes the BMS's SoC (and SoH, when plausible) as the guess; only before any OCV anchor. */
  private void seedFromBms(Snapshot s) {
    seededFromBms = true;
    soc = clamp(s.pack().bmsSocPercent().value());
    sigma = config.initialSigmaPercent();
    netAhSinceAnchor = 0;
    boolean sohGood = PowerClassifier.trusted(s.pack().bmsSohPercent())
        && s.pack().bmsSohPercent().value() > 0 && s.pack().bmsSohPercent().value() <= 110;
    if (sohGood && learnedBefore == null) {
      health = newHealth(s.pack().bmsSohPercent().value());
    }
  }

  private HealthTracker newHealth(double sohPercent) {
    return new HealthTracker(ratedAh, sohPercent, config.capacitySigmaPercent(), config.currentGainError());
  }

  /** What counting has added, plus the capacity's error on the net charge counted since the last anchor. */
  private double reportedSigma() {
    double capacityPercent = Math.abs(netAhSinceAnchor) / health.capacityAh() * 100 * health.relativeSigma();
    return Math.min(100, sigma + capacityPercent);
  }

  private void count(double dtS) {
    double ah = lastCurrentA * dtS / 3600;
    double capacityAh = health.capacityAh();
    dischargedAh += ah;
    netAhSinceAnchor += ah;
    hoursSinceAnchor += dtS / 3600;
    soc = clamp(soc - ah / capacityAh * 100);
    double gain = currentTrusted ? config.currentGainError() : 1.0;
    double offsetA = Math.min(config.currentOffsetMaxErrorA(),
        config.currentOffsetErrorA() + config.currentOffsetDriftAPerH() * hoursSinceAnchor);
    double errorAh = (gain * Math.abs(lastCurrentA) + offsetA) * dtS / 3600;
    sigma = Math.min(100, sigma + errorAh / capacityAh * 100);
    if (Math.abs(lastCurrentA) < config.restCurrentA()) {
      restS += dtS;
    }
  }

  private boolean correct(double meanCellV) {
    double ocvSoc = curve.socPercent(meanCellV);
    // The larger SoC shift a voltage error either way would cause: near a knee the flat side counts.
    double errorV = config.ocvVoltageErrorV();
    double spread = Math.max(curve.socPercent(meanCellV + errorV) - ocvSoc,
        ocvSoc - curve.socPercent(meanCellV - errorV));
    double ocvSigma = Math.hypot(spread, config.ocvCurveErrorPercent());
    if (ocvSigma > config.ocvMaxSigmaPercent()) {
      return false;
    }
    double prior = reportedSigma();
    double k = prior * prior / (prior * prior + ocvSigma * ocvSigma);
    soc = clamp(soc + k * (ocvSoc - soc));
    sigma = Math.sqrt(prior * prior * ocvSigma * ocvSigma / (prior * prior + ocvSigma * ocvSigma));
    netAhSinceAnchor = 0;
    hoursSinceAnchor = 0;
    health.anchor(ocvSoc, ocvSigma, dischargedAh);
    // an OCV reading informs the estimate better than a BMS that answers only now would
    seededFromBms = true;
    return true;
  }

  private static double clamp(double percent) {
    return Math.max(0, Math.min(100, percent));
  }
}
