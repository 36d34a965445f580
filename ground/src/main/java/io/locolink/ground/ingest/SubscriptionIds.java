package io.locolink.ground.ingest;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The subscription identifiers (MQTT 5.0, 3.8.2.1.2) of one connection of the station: an odd one
 * for the fleet's shared subscription, the even one after it for the plain status subscription,
 * drawn afresh at every connect. The broker stamps a message with the identifiers its subscriptions
 * had when the message was published, so what it held for the station's session while the station
 * was away (or had not acknowledged) carries the identifiers of an earlier connection, and only what
 * was published since this connection subscribed carries these.
 *
 * @param shared the shared subscription's identifier, odd
 * @param status the status subscription's identifier, {@code shared + 1}
 */
record SubscriptionIds(int shared, int status) {

  /** The largest subscription identifier MQTT allows (a variable byte integer, 3.8.2.1.2). */
  static final int MAX = 268_435_455;

  SubscriptionIds {
    if (shared < 1 || shared % 2 == 0 || status != shared + 1 || status > MAX) {
      throw new IllegalArgumentException("identifiers must be an odd number and the next, at most " + MAX
          + ", got " + shared + " and " + status);
    }
  }

  /**
   * A pair drawn at random: one of 134 million, so the previous connection's pair (of this process or
   * of an earlier one on the same session) is drawn again with a chance of one in that.
   */
  static SubscriptionIds draw(RandomGenerator random) {
    int shared = 2 * random.nextInt(MAX / 2) + 1;
    return new SubscriptionIds(shared, shared + 1);
  }

  /** True for the identifier of a shared subscription, of this connection or an earlier one. */
  static boolean isShared(int id) {
    return id % 2 == 1;
  }

  /** True for the identifier of a plain status subscription, of this connection or an earlier one. */
  static boolean isStatus(int id) {
    return id > 0 && id % 2 == 0;
  }

  /** True when a message with these identifiers came through a subscription of this connection. */
  boolean current(List<Integer> ids) {
    return ids.contains(shared) || ids.contains(status);
  }
}
