package io.locolink.gateway.estimation;

import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.config.EstimationConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Watches every limit of the alarm table over every cell, sensor and drive, with debounce and
 * hysteresis per {@link DebouncedAlarm} and storm limiting per {@link StormLimiter}. Time is the
 * snapshot's monotonic clock; events are stamped with its UTC. Not thread-safe.
 */
final class AlarmMonitor {

  private final List<AlarmLimit> limits;
  private final double restCurrentA;
  private final long raiseAfterNanos;
  private final long clearAfterNanos;
  private final StormLimiter storm;
  private final List<Map<Integer, DebouncedAlarm>> states = new ArrayList<>();
  /** Per limit, the cell or sensor a pack-wide alarm last named (its state is kept under key 0). */
  private final List<Map<Integer, Integer>> namedIndex = new ArrayList<>();

  AlarmMonitor(EstimationConfig config) {
    this.limits = AlarmTable.withOverrides(config.alarms().limits());
    this.restCurrentA = config.soc().restCurrentA();
    this.raiseAfterNanos = Math.round(config.alarms().raiseAfterS() * 1e9);
    this.clearAfterNanos = Math.round(config.alarms().clearAfterS() * 1e9);
    this.storm = new StormLimiter(config.alarms().stormMaxEvents(), Math.round(config.alarms().stormWindowS() * 1e9));
    for (int i = 0; i < limits.size(); i++) {
      states.add(new HashMap<>());
      namedIndex.add(new HashMap<>());
    }
  }

  AlarmState update(Snapshot s, CellStats cells) {
    List<AlarmEvent> events = new ArrayList<>();
    List<AlarmEvent> active = new ArrayList<>();
    long now = s.monotonicNanos();
    for (int i = 0; i < limits.size(); i++) {
      AlarmLimit limit = limits.get(i);
      Map<Integer, DebouncedAlarm> byIndex = states.get(i);
      Map<Integer, Integer> named = namedIndex.get(i);
      boolean packWide = limit.rule().packWide();
      limit.rule().measure(s, cells, restCurrentA, (index, value, applies) -> {
        // a pack-wide alarm is one alarm whichever cell is the extreme: keyed by 0, so that it
        // clears when the pack recovers even if another cell was named when it was raised
        int key = packWide ? 0 : index;
        if (packWide) {
          named.put(key, index);
        }
        // most limits have no alarm raised or pending: skip the lookup (and the boxing of its key)
        DebouncedAlarm state = byIndex.isEmpty() ? null : byIndex.get(key);
        if (state == null) {
          if (!applies || !limit.violated(value)) {
            return;
          }
          state = new DebouncedAlarm(raiseAfterNanos, clearAfterNanos);
          byIndex.put(key, state);
        }
        DebouncedAlarm.Change change = state.observe(limit, value, applies, now);
        if (change == DebouncedAlarm.Change.RAISED) {
          events.add(event(limit, AlarmEvent.Kind.RAISED, index, value, s));
        } else if (change == DebouncedAlarm.Change.CLEARED) {
          events.add(event(limit, AlarmEvent.Kind.CLEARED, index, value, s));
        }
      });
      byIndex.forEach((key, state) -> {
        if (state.active()) {
          active.add(event(limit, AlarmEvent.Kind.RAISED, named.getOrDefault(key, key), state.lastValue(), s));
        }
      });
      byIndex.values().removeIf(state -> !state.active() && !pendingWorthKeeping(state));
    }
    Optional<AlarmTier> highest = active.stream().map(AlarmEvent::tier).max(Comparator.naturalOrder());
    return new AlarmState(storm.filter(events, now, s.utc()), active, highest);
  }

  private static boolean pendingWorthKeeping(DebouncedAlarm state) {
    return state.pending();
  }

  private static AlarmEvent event(AlarmLimit limit, AlarmEvent.Kind kind, int index, double value, Snapshot s) {
    return new AlarmEvent(limit.code(), limit.tier(), kind, limit.rule().signal().id(), index, value, limit.limit(), limit.unit(), s.utc(), 0);
  }
}
