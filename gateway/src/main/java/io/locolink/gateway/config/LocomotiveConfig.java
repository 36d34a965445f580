package io.locolink.gateway.config;

import java.util.regex.Pattern;

/**
 * Which locomotive this gateway sits in.
 *
 * @param id locomotive id used in MQTT topics and every message header: 1-32 characters of
 *     letters, digits, '-' and '_'
 * @param kind HYBRID (diesel genset + battery) or BATTERY
 */
public record LocomotiveConfig(String id, Kind kind) {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

  /** What the locomotive carries. */
  public enum Kind {
    HYBRID,
    BATTERY
  }

  public LocomotiveConfig {
    ConfigException.require("id", id);
    if (!ID.matcher(id).matches()) {
      throw new ConfigException("id", "must be 1-32 letters, digits, '-' or '_' (it is an MQTT topic level), got '" + id + "'");
    }
    kind = kind == null ? Kind.HYBRID : kind;
  }

  public boolean hasGenset() {
    return kind == Kind.HYBRID;
  }
}
