package io.locolink.gateway.estimation;

import java.util.List;
import java.util.Optional;

/**
 * The alarms after one snapshot.
 *
 * @param events events to publish (raised, cleared, storm summaries)
 * @param active alarms active now, as their latest RAISED event with the latest value
 * @param highestTier most severe active tier; empty when none is active (drives the alarm lamp)
 */
public record AlarmState(List<AlarmEvent> events, List<AlarmEvent> active, Optional<AlarmTier> highestTier) {

  public AlarmState {
    events = List.copyOf(events);
    active = List.copyOf(active);
  }
}
