package io.locolink.ground.web;

import java.util.Locale;

/** What a dashboard user may do; each role may do everything the ones before it may. */
public enum Role {
  /** Reads every page and the API. */
  VIEWER,
  /** A viewer who may also acknowledge alarms. */
  ENGINEER,
  /** An engineer who may also manage users. */
  ADMIN;

  /** True if this role may do what {@code needed} may. */
  public boolean includes(Role needed) {
    return ordinal() >= needed.ordinal();
  }

  /** The name stored in the database and shown to users: lower case. */
  public String dbName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The role of a stored or typed name, case-insensitive.
   *
   * @throws IllegalArgumentException naming the known roles
   */
  public static Role of(String name) {
    for (Role r : values()) {
      if (r.dbName().equalsIgnoreCase(name)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown role '" + name + "'; roles: viewer, engineer, admin");
  }
}
