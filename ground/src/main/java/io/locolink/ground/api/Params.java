package io.locolink.ground.api;

import io.javalin.http.Context;
import io.locolink.ground.store.Channel;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads and checks query parameters; every problem is a {@link BadRequest} naming the parameter. */
final class Params {

  /** A time range {@code [from, to)}. */
  record Range(Instant from, Instant to) {}

  private Params() {}

  /**
   * {@code from} and {@code to} as ISO-8601 instants (e.g. {@code 2026-12-02T03:00:00Z}); {@code to}
   * defaults to now and {@code from} to {@code to} minus {@code defaultSpan}.
   */
  static Range range(Context ctx, Duration defaultSpan, Duration maxSpan) {
    Instant to = instant(ctx, "to");
    Instant from = instant(ctx, "from");
    if (to == null) {
      to = from == null ? Instant.now() : from.plus(defaultSpan);
    }
    if (from == null) {
      from = to.minus(defaultSpan);
    }
    if (!to.isAfter(from)) {
      throw new BadRequest("to (" + to + ") must be after from (" + from + ")");
    }
    if (Duration.between(from, to).compareTo(maxSpan) > 0) {
      throw new BadRequest("the range from " + from + " to " + to + " is longer than " + maxSpan.toDays() + " days");
    }
    return new Range(from, to);
  }

  static Instant instant(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw new BadRequest(name + " must be an ISO-8601 UTC time such as 2026-12-02T03:00:00Z, got '" + v + "'");
    }
  }

  static int integer(Context ctx, String name, int fallback, int min, int max) {
    String v = ctx.queryParam(name);
    if (v == null || v.isEmpty()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw new BadRequest(name + " must be " + min + ".." + max + ", got " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new BadRequest(name + " must be a whole number, got '" + v + "'");
    }
  }

  /** {@code channels=soc,packVoltage}; all channels when absent. */
  static List<Channel> channels(Context ctx) {
    String v = ctx.queryParam("channels");
    if (v == null || v.isBlank()) {
      return List.of(Channel.values());
    }
    List<Channel> out = new ArrayList<>();
    for (String name : v.split(",")) {
      Channel ch = Channel.ofApiName(name.strip()).orElseThrow(() -> new BadRequest("unknown channel '" + name
          + "'; known: " + String.join(", ", java.util.Arrays.stream(Channel.values()).map(Channel::apiName).toList())));
      if (!out.contains(ch)) {
        out.add(ch);
      }
    }
    return out;
  }

  /** {@code tier=note|reduce|open_contactors} or 1..3; null when absent. */
  static Integer tier(Context ctx) {
    String v = ctx.queryParam("tier");
    if (v == null || v.isEmpty()) {
      return null;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "1", "note" -> 1;
      case "2", "reduce" -> 2;
      case "3", "open_contactors" -> 3;
      default -> throw new BadRequest("tier must be note, reduce or open_contactors (or 1..3), got '" + v + "'");
    };
  }

  /** An optional text parameter; null when absent or empty. */
  static String text(Context ctx, String name) {
    String v = ctx.queryParam(name);
    return v == null || v.isEmpty() ? null : v;
  }
}
