package io.locolink.gateway.config;

/**
 * A configuration value is unknown, missing, of the wrong type or out of range. The message
 * names the key (dotted path from the file's root) and the problem.
 */
public final class ConfigException extends RuntimeException {

  private final String key;
  private final String problem;

  /**
   * @param key the dotted key path; empty for a problem of the whole file (not found, not YAML),
   *     whose message is then the problem alone
   */
  public ConfigException(String key, String problem) {
    super(key.isEmpty() ? problem : "config key '" + key + "': " + problem);
    this.key = key;
    this.problem = problem;
  }

  /** The dotted key path, e.g. {@code mqtt.url}. */
  public String key() {
    return key;
  }

  /** What is wrong with it. */
  public String problem() {
    return problem;
  }

  /** This problem, with its key placed under {@code parent}. */
  public ConfigException under(String parent) {
    if (parent.isEmpty()) {
      return this;
    }
    return new ConfigException(key.isEmpty() ? parent : parent + "." + key, problem);
  }

  /** A required key that is absent. */
  public static ConfigException missing(String key) {
    return new ConfigException(key, "missing (a value is required)");
  }

  /** Checks {@code min <= value <= max}. */
  public static double requireRange(String key, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new ConfigException(key, "must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  /** Checks {@code min <= value <= max}. */
  public static int requireRange(String key, int value, int min, int max) {
    if (value < min || value > max) {
      throw new ConfigException(key, "must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  /** Returns {@code value}, or fails naming {@code key} when it is null. */
  public static <T> T require(String key, T value) {
    if (value == null) {
      throw missing(key);
    }
    return value;
  }
}
