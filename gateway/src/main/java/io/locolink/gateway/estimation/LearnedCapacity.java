package io.locolink.gateway.estimation;

/**
 * The pack's usable capacity as the estimator learned it from OCV readings far apart, to be kept
 * across restarts (the gateway stores it in its state directory): a restart then starts from what
 * was learned instead of the BMS's state of health with its wide prior.
 *
 * @param ratedAh the rated capacity it was learned against, ampere-hours; a pack configured with
 *     another rating does not take it
 * @param sohPercent usable capacity over rated, percent
 * @param sigmaPercent one-sigma error of {@code sohPercent}, percent points
 */
public record LearnedCapacity(double ratedAh, double sohPercent, double sigmaPercent) {

  public LearnedCapacity {
    if (!(ratedAh > 0)) {
      throw new IllegalArgumentException("rated capacity must be > 0 Ah, got " + ratedAh);
    }
    if (!(sohPercent > 0 && sohPercent <= 110)) {
      throw new IllegalArgumentException("state of health must be in (0, 110] %, got " + sohPercent);
    }
    if (!(sigmaPercent >= 0 && sigmaPercent <= 110)) {
      throw new IllegalArgumentException("its sigma must be in [0, 110] %, got " + sigmaPercent);
    }
  }

  /** Usable capacity, ampere-hours. */
  public double capacityAh() {
    return ratedAh * sohPercent / 100;
  }
}
