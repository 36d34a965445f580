package io.locolink.gateway.estimation;

/**
 * State of health from the capacity seen between two trusted OCV anchors far apart on the
 * curve: capacity = |Ah counted between them| / |SoC difference|. Each new measurement is
 * averaged with the previous estimate. Not thread-safe.
 */
final class HealthTracker {

  /** Anchors closer than this (percent SoC) do not measure capacity. */
  static final double MIN_SWING_PERCENT = 60;

  private final double ratedAh;
  private double sohPercent;
  private boolean measured;
  private boolean hasAnchor;
  private double anchorSoc;
  private double anchorAh;

  HealthTracker(double ratedAh, double initialSohPercent) {
    this.ratedAh = ratedAh;
    this.sohPercent = initialSohPercent;
  }

  double sohPercent() {
    return sohPercent;
  }

  /** Usable capacity now, ampere-hours. */
  double capacityAh() {
    return ratedAh * sohPercent / 100;
  }

  /**
   * Records an OCV anchor.
   *
   * @param socPercent the SoC the OCV showed
   * @param dischargedAh the coulomb counter (net discharge since start, Ah) at that moment
   */
  void anchor(double socPercent, double dischargedAh) {
    if (hasAnchor && Math.abs(socPercent - anchorSoc) >= MIN_SWING_PERCENT) {
      double capacityAh = Math.abs(dischargedAh - anchorAh) / (Math.abs(socPercent - anchorSoc) / 100);
      double soh = Math.min(110, capacityAh / ratedAh * 100);
      sohPercent = measured ? (sohPercent + soh) / 2 : soh;
      measured = true;
    }
    hasAnchor = true;
    anchorSoc = socPercent;
    anchorAh = dischargedAh;
  }
}
