package io.locolink.ground.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One locomotive in the fleet snapshot.
 *
 * @param locomotive its id
 * @param link {@code ONLINE}, {@code OFFLINE} (its own status or its last will) or {@code UNKNOWN} (no status yet)
 * @param stale true when its last live frame sent now arrived longer ago than the staleness limit (or there is
 *     none): frames the broker held for the station while it was away do not count
 * @param lastSeen the time of its newest live frame, as the frame carries it; null if none
 * @param values the newest value of each channel the frame carried, by API channel name
 * @param gapsToday messages missing in gaps opened today (UTC) that are still open
 * @param queueDepth records waiting in its journal, from its status; null without a status
 * @param activeAlarms alarms raised and not cleared
 * @param highestAlarmTier the most severe active alarm's tier (1 note, 2 reduce power, 3 open contactors); null if none
 * @param setAsideMessages messages its uplink set aside after the broker refused them (kept on its disk, not
 *     sent), from its status; null without a status
 */
public record FleetEntry(String locomotive, String link, boolean stale, Instant lastSeen,
    Map<String, BigDecimal> values, long gapsToday, Long queueDepth, long activeAlarms, Integer highestAlarmTier,
    Long setAsideMessages) implements FleetField.Source {

  @Override
  public boolean seen() {
    return lastSeen != null;
  }

  /** {@link #lastSeen()} in Unix milliseconds; 0 when there is none. */
  @Override
  public long lastSeenMs() {
    return lastSeen == null ? 0 : lastSeen.toEpochMilli();
  }

  /** This entry as the read API and the live stream write it: the {@link FleetField}s in order, then {@code values}. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    FleetField.each(this, new FleetField.Sink<RuntimeException>() {
      @Override
      public void text(FleetField field, String value) {
        m.put(field.apiName(), value);
      }

      @Override
      public void bool(FleetField field, boolean value) {
        m.put(field.apiName(), value);
      }

      @Override
      public void number(FleetField field, long value) {
        m.put(field.apiName(), value);
      }

      @Override
      public void time(FleetField field, long epochMs) {
        m.put(field.apiName(), Instant.ofEpochMilli(epochMs).toString());
      }

      @Override
      public void none(FleetField field) {
        m.put(field.apiName(), null);
      }
    });
    m.put("values", values);
    return m;
  }
}
