package io.locolink.gateway.trips;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A trip's identifier: its UTC start to the second and a 4-hex-digit discriminator, e.g.
 * {@code 20261126T081500Z-00a1}. It sorts by start time and is safe as a file name; an id read
 * from outside is only ever accepted through {@link #parse(String)}.
 *
 * @param value the identifier text
 */
public record TripId(String value) implements Comparable<TripId> {

  /** The only shape an id can have: 21 ASCII characters. */
  public static final Pattern PATTERN = Pattern.compile("[0-9]{8}T[0-9]{6}Z-[0-9a-f]{4}");

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  public TripId {
    Objects.requireNonNull(value, "value");
    if (!PATTERN.matcher(value).matches()) {
      throw new IllegalArgumentException("not a trip id: " + printable(value));
    }
  }

  /** The id for a trip starting at {@code start}, with {@code discriminator} (0..65535). */
  public static TripId of(Instant start, int discriminator) {
    return new TripId(STAMP.format(start) + "-" + String.format("%04x", discriminator & 0xffff));
  }

  /**
   * Parses text from outside (a request path, a file name).
   *
   * @throws IllegalArgumentException if it is not exactly the id shape
   */
  public static TripId parse(String text) {
    return new TripId(text);
  }

  /** True when {@code text} has the id shape. */
  public static boolean isValid(String text) {
    return text != null && text.length() == 21 && PATTERN.matcher(text).matches();
  }

  @Override
  public int compareTo(TripId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }

  private static String printable(String text) {
    String cut = text.length() > 40 ? text.substring(0, 40) + "..." : text;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
