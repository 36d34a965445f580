package io.locolink.gateway.estimation;

/** The reference table's three alarm tiers, least to most severe. */
public enum AlarmTier {
  /** MOL: note for the driver and the ground. */
  NOTE,
  /** RSL: reduce power. */
  REDUCE,
  /** MSL: open the main contactors. */
  OPEN_CONTACTORS
}
