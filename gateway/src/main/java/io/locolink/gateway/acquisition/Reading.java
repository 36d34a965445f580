package io.locolink.gateway.acquisition;

/**
 * One measured value with its quality mask. A failed read is a flagged reading (usually the last
 * good value with {@link QualityFlag#STALE} and the cause), never a silent zero.
 *
 * @param value the value in the unit named by the field that holds it
 * @param flags OR of {@link QualityFlag#bit()}; 0 means good
 */
public record Reading(double value, int flags) {

  public Reading {
    if (Double.isNaN(value) && flags == 0) {
      throw new IllegalArgumentException("a good reading needs a value, got NaN");
    }
  }

  public static Reading good(double value) {
    return new Reading(value, 0);
  }

  public static Reading flagged(double value, QualityFlag... flags) {
    return new Reading(value, QualityFlag.mask(flags));
  }

  public boolean isGood() {
    return flags == 0;
  }

  public Reading withFlags(int more) {
    return new Reading(value, flags | more);
  }
}
