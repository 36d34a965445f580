package io.locolink.simulator.faults;

import java.util.Locale;

/**
 * One fault in simulated time.
 *
 * @param kind what goes wrong
 * @param target the device or channel it hits ("" when the kind has one obvious target)
 * @param startS simulated second it starts
 * @param durationS how long it lasts, seconds
 * @param magnitude kind-specific size (noise sigma, jump metres, drift volts per second)
 */
public record Fault(FaultKind kind, String target, double startS, double durationS, double magnitude) {

  public Fault {
    if (startS < 0 || durationS <= 0) {
      throw new IllegalArgumentException("fault start must be >= 0 and duration > 0");
    }
  }

  /** True while {@code timeS} lies in [start, start + duration). */
  public boolean activeAt(double timeS) {
    return timeS >= startS && timeS < startS + durationS;
  }

  /**
   * Parses {@code kind[:target][=magnitude]@start+duration}, times with an s, m or h suffix, e.g.
   * {@code bms-silence@120s+30s}, {@code cell-drift:17=0.005@60s+10m}, {@code nack:pack-shunt@5s+2s}.
   *
   * @throws IllegalArgumentException naming the spec and what is wrong with it
   */
  public static Fault parse(String spec) {
    try {
      String s = spec.strip();
      int at = s.indexOf('@');
      int plus = s.indexOf('+', at);
      if (at < 0 || plus < 0) {
        throw new IllegalArgumentException("expected kind[:target][=magnitude]@start+duration");
      }
      String head = s.substring(0, at);
      double magnitude = Double.NaN;
      int eq = head.indexOf('=');
      if (eq >= 0) {
        magnitude = Double.parseDouble(head.substring(eq + 1));
        head = head.substring(0, eq);
      }
      int colon = head.indexOf(':');
      FaultKind kind = FaultKind.ofWord(colon < 0 ? head : head.substring(0, colon));
      String target = colon < 0 ? "" : head.substring(colon + 1);
      if (Double.isNaN(magnitude)) {
        magnitude = defaultMagnitude(kind);
      }
      return new Fault(kind, target, seconds(s.substring(at + 1, plus)), seconds(s.substring(plus + 1)), magnitude);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("fault spec '" + spec + "': " + e.getMessage(), e);
    }
  }

  private static double defaultMagnitude(FaultKind kind) {
    return switch (kind) {
      case GNSS_JUMP -> 5000;
      case CELL_DRIFT -> 0.005;
      case NOISY -> 1.0;
      case INSULATION_LEAK -> 250_000;
      default -> 0;
    };
  }

  static double seconds(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    double factor = v.endsWith("h") ? 3600 : v.endsWith("m") ? 60 : 1;
    if (v.endsWith("h") || v.endsWith("m") || v.endsWith("s")) {
      v = v.substring(0, v.length() - 1);
    }
    return Double.parseDouble(v) * factor;
  }
}
