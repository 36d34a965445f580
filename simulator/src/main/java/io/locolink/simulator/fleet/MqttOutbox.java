package io.locolink.simulator.fleet;

import io.locolink.gateway.app.Outbox;
import io.locolink.gateway.framing.StreamKind;
import io.locolink.gateway.framing.Topics;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A locomotive's {@link Outbox} in fleet mode: each message goes straight to the broker through
 * the fleet's Paho client (QoS 1, topic {@code locolink/v1/{loco}/{kind}}), with no journal on
 * disk, so a message the client refuses is lost and counted. Sequence numbers count from 1 per
 * run, shared by every stream of the locomotive. Called from one pipeline thread; counters may be
 * read from any thread.
 */
final class MqttOutbox implements Outbox {

  private final String topicPrefix;
  private final PahoPublisher client;
  private final AtomicLongArray appended = new AtomicLongArray(StreamKind.values().length);
  private long sequence;

  MqttOutbox(String locomotiveId, PahoPublisher client) {
    this.topicPrefix = Topics.prefix(locomotiveId);
    this.client = client;
  }

  @Override
  public long nextSequence() {
    return ++sequence;
  }

  @Override
  public void append(StreamKind kind, long sequence, byte[] payload) {
    appended.incrementAndGet(kind.ordinal());
    client.send(topicPrefix + kind.topicSuffix(), payload);
  }

  /** Messages appended so far, by stream. */
  Map<StreamKind, Long> appended() {
    Map<StreamKind, Long> counts = new EnumMap<>(StreamKind.class);
    for (StreamKind kind : StreamKind.values()) {
      counts.put(kind, appended.get(kind.ordinal()));
    }
    return counts;
  }
}
