package io.locolink.gateway.estimation;

import java.util.Objects;

/**
 * One tier of one alarm: the limit, which side of it is bad and how far back a value must come
 * before the alarm clears.
 *
 * @param code stable name, e.g. {@code CELL_VOLTAGE_HIGH}
 * @param tier severity when raised
 * @param rule what is measured and when the limit applies
 * @param above true when values above the limit are bad, false when values below are
 * @param limit the limit, in {@code unit}
 * @param hysteresis the value must be this far back inside the limit to clear, in {@code unit}
 * @param unit unit of limit, hysteresis and the measured value
 */
public record AlarmLimit(String code, AlarmTier tier, AlarmRule rule, boolean above, double limit, double hysteresis, String unit) {

  public AlarmLimit {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(rule, "rule");
    if (hysteresis < 0) {
      throw new IllegalArgumentException("hysteresis must be >= 0 for " + code);
    }
  }

  /** The key that overrides this limit in the configuration, e.g. {@code CELL_VOLTAGE_HIGH.NOTE}. */
  public String key() {
    return code + "." + tier.name();
  }

  /** True when {@code value} is past the limit. */
  boolean violated(double value) {
    return above ? value > limit : value < limit;
  }

  /** True when {@code value} is back inside the limit by at least the hysteresis. */
  boolean recovered(double value) {
    return above ? value < limit - hysteresis : value > limit + hysteresis;
  }

  AlarmLimit withLimit(double newLimit) {
    return new AlarmLimit(code, tier, rule, above, newLimit, hysteresis, unit);
  }
}
