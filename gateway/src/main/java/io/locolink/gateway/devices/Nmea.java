package io.locolink.gateway.devices;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * NMEA 0183 sentence checks and the RMC and GGA fields LocoLink uses (any talker: GP, GN, GL ...).
 * Pure functions.
 */
public final class Nmea {

  /** Fields of a valid RMC: UTC, position, speed over ground. */
  public record Rmc(java.time.Instant utc, boolean valid, double latitudeDeg, double longitudeDeg, double speedKmh) {}

  /** Fields of a GGA: fix quality, satellites, position. */
  public record Gga(int fixQuality, int satellites, double latitudeDeg, double longitudeDeg) {}

  private Nmea() {}

  /** XOR of the characters between '$' and '*'. */
  public static int checksum(String body) {
    int sum = 0;
    for (int i = 0; i < body.length(); i++) {
      sum ^= body.charAt(i);
    }
    return sum;
  }

  /** Appends "*HH" to {@code $body}. */
  public static String withChecksum(String body) {
    return "$" + body + String.format("*%02X", checksum(body));
  }

  /**
   * The comma-separated fields of a sentence, after checking its framing and checksum.
   *
   * @throws FrameCorruptException on a missing '$', '*' or a wrong checksum
   */
  public static String[] fields(String sentence) throws FrameCorruptException {
    String s = sentence.strip();
    int star = s.lastIndexOf('*');
    if (!s.startsWith("$") || star < 0 || star + 3 != s.length()) {
      throw new FrameCorruptException("not an NMEA sentence: " + s);
    }
    String body = s.substring(1, star);
    int expected;
    try {
      expected = Integer.parseInt(s.substring(star + 1), 16);
    } catch (NumberFormatException e) {
      throw new FrameCorruptException("bad NMEA checksum field: " + s);
    }
    if (checksum(body) != expected) {
      throw new FrameCorruptException("NMEA checksum mismatch: " + s);
    }
    return body.split(",", -1);
  }

  /** The sentence type without the talker, e.g. "RMC". */
  public static String type(String[] fields) {
    return fields[0].length() >= 5 ? fields[0].substring(2) : fields[0];
  }

  /**
   * Parses RMC fields (hhmmss.ss, A/V, lat, N/S, lon, E/W, knots, course, ddmmyy ...). Two-digit
   * years 80..99 are 1980..1999, the rest 2000..2079 (the receivers' own GPS-week convention).
   */
  public static Optional<Rmc> rmc(String[] f) throws FrameCorruptException {
    if (f.length < 10 || f[1].isEmpty() || f[9].isEmpty()) {
      return Optional.empty();
    }
    try {
      LocalTime time = LocalTime.parse(f[1].substring(0, 2) + ":" + f[1].substring(2, 4) + ":" + f[1].substring(4));
      int yy = Integer.parseInt(f[9].substring(4, 6));
      LocalDate date = LocalDate.of(yy < 80 ? 2000 + yy : 1900 + yy, Integer.parseInt(f[9].substring(2, 4)),
          Integer.parseInt(f[9].substring(0, 2)));
      boolean valid = "A".equals(f[2]);
      double lat = valid ? coordinate(f[3], f[4]) : 0;
      double lon = valid ? coordinate(f[5], f[6]) : 0;
      double knots = f[7].isEmpty() ? 0 : Double.parseDouble(f[7]);
      if (!(Math.abs(knots) < 1000)) { // also false for NaN
        throw new IllegalArgumentException("speed " + f[7] + " kn");
      }
      return Optional.of(new Rmc(ZonedDateTime.of(date, time, ZoneOffset.UTC).toInstant(), valid, lat, lon,
          knots * 1.852));
    } catch (RuntimeException e) {
      throw new FrameCorruptException("malformed RMC: " + String.join(",", f));
    }
  }

  /** Parses GGA fields (time, lat, N/S, lon, E/W, quality, satellites ...). */
  public static Gga gga(String[] f) throws FrameCorruptException {
    try {
      int quality = f[6].isEmpty() ? 0 : Integer.parseInt(f[6]);
      int satellites = f[7].isEmpty() ? 0 : Integer.parseInt(f[7]);
      double lat = quality > 0 ? coordinate(f[2], f[3]) : 0;
      double lon = quality > 0 ? coordinate(f[4], f[5]) : 0;
      return new Gga(quality, satellites, lat, lon);
    } catch (RuntimeException e) {
      throw new FrameCorruptException("malformed GGA: " + String.join(",", f));
    }
  }

  /**
   * (d)ddmm.mmmm plus hemisphere (N, S, E or W) to signed degrees.
   *
   * @throws IllegalArgumentException (a {@link NumberFormatException} included) when the value is
   *     not a coordinate: minutes outside [0, 60], not finite, degrees past 90 (N/S) or 180 (E/W)
   */
  static double coordinate(String value, String hemisphere) {
    int dot = value.indexOf('.');
    int degreeDigits = (dot < 0 ? value.length() : dot) - 2;
    double degrees = Integer.parseInt(value.substring(0, degreeDigits));
    double minutes = Double.parseDouble(value.substring(degreeDigits));
    boolean latitude = "N".equals(hemisphere) || "S".equals(hemisphere);
    if (!latitude && !"E".equals(hemisphere) && !"W".equals(hemisphere)) {
      throw new IllegalArgumentException("hemisphere " + hemisphere);
    }
    double signed = degrees + minutes / 60.0;
    if (!(degrees >= 0 && minutes >= 0 && minutes <= 60 && signed <= (latitude ? 90 : 180))) { // false for NaN
      throw new IllegalArgumentException("coordinate " + value + hemisphere);
    }
    return "S".equals(hemisphere) || "W".equals(hemisphere) ? -signed : signed;
  }
}
