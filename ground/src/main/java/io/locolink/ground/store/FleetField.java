package io.locolink.ground.store;

/**
 * The fields of a fleet entry before its channel values, in the order the API writes them: the one
 * list of names, of how each is read and of its kind, for the fleet answer and the live stream (JSON
 * written from rows), the fleet CSV and {@link FleetEntry#toJson()}. {@link #each} hands a row's
 * fields to a {@link Sink}, which formats them.
 */
public enum FleetField {
  LOCOMOTIVE("locomotive"),
  LINK("link"),
  STALE("stale"),
  LAST_SEEN("lastSeen"),
  GAPS_TODAY("gapsToday"),
  QUEUE_DEPTH("queueDepth"),
  ACTIVE_ALARMS("activeAlarms"),
  HIGHEST_ALARM_TIER("highestAlarmTier"),
  SET_ASIDE_MESSAGES("setAsideMessages");

  private final String apiName;

  FleetField(String apiName) {
    this.apiName = apiName;
  }

  /** The API's name for it, e.g. {@code lastSeen}. */
  public String apiName() {
    return apiName;
  }

  /** What a fleet entry is read from: a row of the store ({@link FleetRow}) or an entry ({@link FleetEntry}). */
  public sealed interface Source permits FleetRow, FleetEntry {
    String locomotive();

    String link();

    boolean stale();

    /** True when a frame of it is stored; {@link #lastSeenMs()} is meaningful only then. */
    boolean seen();

    /** The time of its newest frame, Unix milliseconds. */
    long lastSeenMs();

    long gapsToday();

    Long queueDepth();

    long activeAlarms();

    Integer highestAlarmTier();

    Long setAsideMessages();
  }

  /** Receives the fields of one entry by kind, in order; formats them. */
  public interface Sink<X extends Exception> {
    void text(FleetField field, String value) throws X;

    void bool(FleetField field, boolean value) throws X;

    void number(FleetField field, long value) throws X;

    /** A time, Unix milliseconds. */
    void time(FleetField field, long epochMs) throws X;

    /** The field has no value (null). */
    void none(FleetField field) throws X;
  }

  /** Hands each field of {@code entry} to {@code sink}, in the order of this enum. */
  public static <X extends Exception> void each(Source entry, Sink<X> sink) throws X {
    sink.text(LOCOMOTIVE, entry.locomotive());
    sink.text(LINK, entry.link());
    sink.bool(STALE, entry.stale());
    if (entry.seen()) {
      sink.time(LAST_SEEN, entry.lastSeenMs());
    } else {
      sink.none(LAST_SEEN);
    }
    sink.number(GAPS_TODAY, entry.gapsToday());
    numberOrNone(sink, QUEUE_DEPTH, entry.queueDepth());
    sink.number(ACTIVE_ALARMS, entry.activeAlarms());
    Integer tier = entry.highestAlarmTier();
    numberOrNone(sink, HIGHEST_ALARM_TIER, tier == null ? null : tier.longValue());
    numberOrNone(sink, SET_ASIDE_MESSAGES, entry.setAsideMessages());
  }

  private static <X extends Exception> void numberOrNone(Sink<X> sink, FleetField field, Long value) throws X {
    if (value == null) {
      sink.none(field);
    } else {
      sink.number(field, value);
    }
  }
}
