package io.locolink.ground.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * One row of a fleet snapshot, read once from the result set into plain fields, so that a writer can
 * turn 4,000 rows into an answer without an object per value; {@link FleetQueries#scan} hands each
 * to its visitor. Not thread-safe. {@link #toEntry()} gives the row as an immutable {@link FleetEntry}.
 */
public final class FleetRow implements FleetField.Source {

  private static final Channel[] CHANNELS = Channel.values();

  private final long nowMs;
  private final int nowSubMillisNanos;
  private final long[] scaled = new long[CHANNELS.length];
  private final boolean[] present = new boolean[CHANNELS.length];
  private String locomotive;
  private String link;
  private boolean seen;
  private long lastSeenMs;
  private long receivedMs;
  private boolean arrived;
  private Long queueDepth;
  private long gapsToday;
  private long activeAlarms;
  private Integer highestAlarmTier;
  private Long setAsideMessages;

  FleetRow(Instant now) {
    this.nowMs = now.toEpochMilli();
    this.nowSubMillisNanos = now.getNano() % 1_000_000;
  }

  /** Reads the result set's current row, in the column order of {@link FleetQueries}' statement. */
  void read(ResultSet rs) throws SQLException {
    locomotive = rs.getString(1);
    String l = rs.getString(2);
    link = l == null ? "UNKNOWN" : l;
    long q = rs.getLong(3);
    queueDepth = rs.wasNull() ? null : q;
    lastSeenMs = rs.getLong(4);
    seen = !rs.wasNull();
    int i = 5;
    for (int c = 0; c < CHANNELS.length; c++, i++) {
      scaled[c] = rs.getLong(i);
      present[c] = !rs.wasNull();
    }
    gapsToday = rs.getLong(i);
    activeAlarms = rs.getLong(i + 1);
    int tier = rs.getInt(i + 2);
    highestAlarmTier = rs.wasNull() ? null : tier;
    long aside = rs.getLong(i + 3);
    setAsideMessages = rs.wasNull() ? null : aside;
    receivedMs = rs.getLong(i + 4);
    arrived = !rs.wasNull();
  }

  @Override
  public String locomotive() {
    return locomotive;
  }

  /** {@code ONLINE}, {@code OFFLINE} or {@code UNKNOWN}, as in {@link FleetEntry#link()}. */
  @Override
  public String link() {
    return link;
  }

  /**
   * True when its last live frame sent now (not held by the broker while the station was away) was
   * received longer than {@link FleetQueries#STALE_AFTER} ago, or there is none.
   */
  @Override
  public boolean stale() {
    long limitMs = receivedMs + FleetQueries.STALE_AFTER.toMillis();
    return !seen || !arrived || limitMs < nowMs || limitMs == nowMs && nowSubMillisNanos > 0;
  }

  /** True when a live frame of it is stored; {@link #lastSeenMs()} is meaningful only then. */
  @Override
  public boolean seen() {
    return seen;
  }

  /** The time of its newest live frame, Unix milliseconds. */
  @Override
  public long lastSeenMs() {
    return lastSeenMs;
  }

  /** True when its newest live frame carried this channel. */
  public boolean has(Channel channel) {
    return present[channel.ordinal()];
  }

  /** The channel's scaled integer (see {@link Channel#scale()}); meaningful only if {@link #has}. */
  public long scaled(Channel channel) {
    return scaled[channel.ordinal()];
  }

  @Override
  public long gapsToday() {
    return gapsToday;
  }

  /** Null without a status. */
  @Override
  public Long queueDepth() {
    return queueDepth;
  }

  @Override
  public long activeAlarms() {
    return activeAlarms;
  }

  /** Null without an active alarm. */
  @Override
  public Integer highestAlarmTier() {
    return highestAlarmTier;
  }

  /** Null without a status. */
  @Override
  public Long setAsideMessages() {
    return setAsideMessages;
  }

  /** This row as an immutable entry. */
  public FleetEntry toEntry() {
    return new FleetEntry(locomotive, link, stale(), seen ? Instant.ofEpochMilli(lastSeenMs) : null,
        new ScaledValues(scaled, present), gapsToday, queueDepth, activeAlarms, highestAlarmTier, setAsideMessages);
  }
}
