package io.locolink.gateway.framing;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The MQTT topics of the wire contract: {@code locolink/v1/{loco}/{kind}}. The one place that
 * spells them; the uplinks, the fleet and the ground tools build and read topics here.
 */
public final class Topics {

  /** Every topic of the contract starts with this. */
  public static final String ROOT = "locolink/v1/";
  /** Filter matching every locomotive's every kind. */
  public static final String ALL_LOCOMOTIVES = ROOT + "+/+";

  private static final Pattern LOCOMOTIVE_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  /** A topic read back: whose it is and which kind it carries. */
  public record Parsed(String locomotiveId, StreamKind kind) {}

  private Topics() {}

  /**
   * The topic of {@code kind} for a locomotive.
   *
   * @throws IllegalArgumentException if the id cannot be a topic level (see {@link #requireLocomotiveId})
   */
  public static String of(String locomotiveId, StreamKind kind) {
    return prefix(locomotiveId) + kind.topicSuffix();
  }

  /** {@code locolink/v1/{loco}/}, the common start of one locomotive's topics. */
  public static String prefix(String locomotiveId) {
    return ROOT + requireLocomotiveId(locomotiveId) + "/";
  }

  /**
   * Checks that {@code locomotiveId} is 1-64 of {@code [A-Za-z0-9_.-]}, so it is one topic level
   * with no wildcard.
   *
   * @return the id
   * @throws IllegalArgumentException if it is not
   */
  public static String requireLocomotiveId(String locomotiveId) {
    if (locomotiveId == null || !LOCOMOTIVE_ID.matcher(locomotiveId).matches()) {
      throw new IllegalArgumentException("locomotive id must be 1-64 of [A-Za-z0-9_.-] for a topic level, got '"
          + locomotiveId + "'");
    }
    return locomotiveId;
  }

  /** The locomotive and kind of a contract topic; empty for any other topic. */
  public static Optional<Parsed> parse(String topic) {
    if (!topic.startsWith(ROOT)) {
      return Optional.empty();
    }
    String rest = topic.substring(ROOT.length());
    int slash = rest.indexOf('/');
    if (slash <= 0 || rest.indexOf('/', slash + 1) >= 0) {
      return Optional.empty();
    }
    String loco = rest.substring(0, slash);
    return StreamKind.ofTopicSuffix(rest.substring(slash + 1)).map(kind -> new Parsed(loco, kind));
  }
}
