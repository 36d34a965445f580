package io.locolink.ground.store;

import io.locolink.ground.store.Incoming.Content;

/**
 * One alarm event.
 *
 * @param tier 1 note, 2 reduce power, 3 open contactors
 * @param event 1 raised, 2 cleared, 3 storm summary
 * @param channel the wire's Channel number
 * @param valueMilli the measured value x 1000, in {@code unit}
 */
public record AlarmRow(String code, int tier, int event, int channel, int channelIndex, long valueMilli,
    long limitMilli, String unit, int suppressed) implements Content {

  public static final int RAISED = 1;
  public static final int CLEARED = 2;
}
