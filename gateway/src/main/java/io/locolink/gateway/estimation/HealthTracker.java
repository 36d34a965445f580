package io.locolink.gateway.estimation;

import java.util.Optional;

/**
 * State of health (usable capacity / rated) and how well it is known. It starts from the BMS's SoH
 * (or 100 %) with a one-sigma error of {@code priorSigmaPercent} of the capacity. Two trusted OCV
 * readings far apart on the curve measure it: capacity = |Ah counted between them| / |SoC
 * difference|, with a relative error from the two readings' sigmas over the swing and the current
 * sensor's gain error. Each measurement is fused with the estimate by inverse-variance weighting, so
 * the first one replaces a vague prior and later ones refine it. Not thread-safe.
 */
final class HealthTracker {

  /** Anchors closer than this (percent SoC) do not measure capacity. */
  static final double MIN_SWING_PERCENT = 60;

  private final double ratedAh;
  private final double gainError;
  private double sohPercent;
  private double sohSigmaPercent;
  private boolean hasAnchor;
  private double anchorSoc;
  private double anchorSigmaPercent;
  private double anchorAh;
  private boolean learned;

  /**
   * @param ratedAh rated capacity, ampere-hours
   * @param initialSohPercent the first guess (the BMS's SoH, or 100)
   * @param priorSigmaPercent one-sigma error of that guess, percent of the capacity
   * @param gainError the current sensor's gain error, fraction
   */
  HealthTracker(double ratedAh, double initialSohPercent, double priorSigmaPercent, double gainError) {
    this.ratedAh = ratedAh;
    this.gainError = gainError;
    this.sohPercent = initialSohPercent;
    this.sohSigmaPercent = initialSohPercent * priorSigmaPercent / 100;
  }

  /** A tracker that starts from a capacity learned before (a restart), as learned as it was. */
  static HealthTracker from(LearnedCapacity capacity, double gainError) {
    HealthTracker t = new HealthTracker(capacity.ratedAh(), capacity.sohPercent(), 0, gainError);
    t.sohSigmaPercent = capacity.sigmaPercent();
    t.learned = true;
    return t;
  }

  /** The capacity learned so far; empty until a measurement (or a learned start) informed it. */
  Optional<LearnedCapacity> learned() {
    boolean valid = sohPercent > 0 && sohPercent <= 110 && sohSigmaPercent >= 0 && sohSigmaPercent <= 110;
    return learned && valid ? Optional.of(new LearnedCapacity(ratedAh, sohPercent, sohSigmaPercent))
        : Optional.empty();
  }

  double sohPercent() {
    return sohPercent;
  }

  /** Usable capacity now, ampere-hours. */
  double capacityAh() {
    return ratedAh * sohPercent / 100;
  }

  /** One-sigma error of {@link #capacityAh}, as a fraction of it. */
  double relativeSigma() {
    return sohSigmaPercent / sohPercent;
  }

  /**
   * Records an OCV anchor.
   *
   * @param socPercent the SoC the OCV showed
   * @param sigmaPercent that reading's one-sigma error, percent SoC
   * @param dischargedAh the coulomb counter (net discharge since start, Ah) at that moment
   */
  void anchor(double socPercent, double sigmaPercent, double dischargedAh) {
    double swing = Math.abs(socPercent - anchorSoc);
    if (hasAnchor && swing >= MIN_SWING_PERCENT) {
      double capacityAh = Math.abs(dischargedAh - anchorAh) / (swing / 100);
      double measured = Math.min(110, capacityAh / ratedAh * 100);
      double relative = Math.hypot(Math.hypot(sigmaPercent, anchorSigmaPercent) / swing, gainError);
      double measuredSigma = measured * relative;
      double priorVar = sohSigmaPercent * sohSigmaPercent;
      double measuredVar = measuredSigma * measuredSigma;
      sohPercent += priorVar / (priorVar + measuredVar) * (measured - sohPercent);
      sohSigmaPercent = Math.sqrt(priorVar * measuredVar / (priorVar + measuredVar));
      learned = true;
    }
    hasAnchor = true;
    anchorSoc = socPercent;
    anchorSigmaPercent = sigmaPercent;
    anchorAh = dischargedAh;
  }
}
