package io.locolink.gateway.journal;

/** The kinds of message the gateway sends; each maps to one MQTT topic suffix. */
public enum StreamKind {
  TELEMETRY("telemetry", false),
  ENERGY("energy", true),
  ALARM("alarm", true),
  TRIP("trip", true),
  STATUS("status", false);

  private final String topicSuffix;
  private final boolean precious;

  StreamKind(String topicSuffix, boolean precious) {
    this.topicSuffix = topicSuffix;
    this.precious = precious;
  }

  /** The last segment of {@code locolink/v1/{loco}/...}. */
  public String topicSuffix() {
    return topicSuffix;
  }

  /** True for messages that are synced at once and never evicted for telemetry. */
  public boolean precious() {
    return precious;
  }
}
