package io.locolink.gateway.estimation;

import java.time.Instant;
import java.util.Objects;

/**
 * An alarm raised or cleared, or a summary of a storm of them.
 *
 * @param code stable name of the condition, e.g. {@code CELL_VOLTAGE_HIGH}
 * @param tier severity
 * @param kind raised, cleared or storm summary
 * @param signal what was measured, e.g. {@code cell}, {@code drive.winding}
 * @param index which cell or drive, 0 when not applicable
 * @param value the measured value, in {@code unit}
 * @param limit the limit it crossed, in {@code unit}
 * @param unit unit of value and limit
 * @param utc when it happened
 * @param suppressed for a storm summary, the number of events it stands for; otherwise 0
 */
public record AlarmEvent(
    String code,
    AlarmTier tier,
    Kind kind,
    String signal,
    int index,
    double value,
    double limit,
    String unit,
    Instant utc,
    int suppressed) {

  /** What happened to the alarm. */
  public enum Kind {
    RAISED,
    CLEARED,
    STORM_SUMMARY
  }

  public AlarmEvent {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(utc, "utc");
  }
}
