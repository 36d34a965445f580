package io.locolink.ground.web;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One raised alarm and what became of it (ISA-18.2 states: active or cleared, acknowledged or not).
 *
 * @param locomotive locomotive id
 * @param bootId the gateway boot that raised it
 * @param sequence the raising message's sequence number; with the two above, the occurrence's identity
 * @param raised when it was raised (the gateway's time)
 * @param code e.g. {@code CELL_VOLTAGE_HIGH}
 * @param tier 1 note, 2 reduce power, 3 open the main contactors
 * @param channelIndex cell, sensor or drive number the alarm is about
 * @param value measured value at its resolution, in {@code unit}
 * @param limit the limit crossed, in {@code unit}
 * @param unit unit of value and limit
 * @param cleared when it cleared; null while active
 * @param ackedBy who acknowledged it; null if nobody yet
 * @param ackedAt when
 * @param comment the acknowledgement's comment
 */
public record AlarmOccurrence(String locomotive, long bootId, long sequence, Instant raised, String code, int tier,
    int channelIndex, BigDecimal value, BigDecimal limit, String unit, Instant cleared, String ackedBy, Instant ackedAt,
    String comment) {

  /** Highest tier: the locomotive must open its main contactors. */
  public static final int TOP_TIER = 3;

  /** True while not cleared. */
  public boolean active() {
    return cleared == null;
  }

  /** True once somebody acknowledged it. */
  public boolean acknowledged() {
    return ackedBy != null;
  }

  /** The occurrence's state in ISA-18.2 words. */
  public String state() {
    if (active()) {
      return acknowledged() ? "active-acknowledged" : "active-unacknowledged";
    }
    return acknowledged() ? "cleared" : "returned-unacknowledged";
  }

  /** This occurrence cleared at {@code at}. */
  AlarmOccurrence clearedAt(Instant at) {
    return new AlarmOccurrence(locomotive, bootId, sequence, raised, code, tier, channelIndex, value, limit, unit, at,
        ackedBy, ackedAt, comment);
  }

  /** This occurrence acknowledged. */
  AlarmOccurrence ackedBy(String who, Instant at, String text) {
    return new AlarmOccurrence(locomotive, bootId, sequence, raised, code, tier, channelIndex, value, limit, unit,
        cleared, who, at, text);
  }
}
