package io.locolink.simulator.fleet;

import java.nio.ByteBuffer;
import java.time.InstantSource;

/**
 * A baseline sender beside the locomotives: one Paho client publishing payloads of a fixed size
 * that carry only a sequence number and the send time, on {@code locolink-bench/plain/{id}}.
 * {@link #publish()} is called from one thread at a time.
 */
final class PlainPublisher {

  private final PahoPublisher client;
  private final String topic;
  private final int payloadBytes;
  private final InstantSource clock;
  private long sequence;

  PlainPublisher(String id, PahoPublisher client, int payloadBytes, InstantSource clock) {
    this.client = client;
    this.topic = GroundCounter.PLAIN_PREFIX + id;
    this.payloadBytes = payloadBytes;
    this.clock = clock;
  }

  PahoPublisher client() {
    return client;
  }

  /** Sends the next message. */
  void publish() {
    sequence++;
    client.send(topic, payload(sequence, clock.millis(), payloadBytes));
  }

  /** A payload of {@code size} bytes (at least 16): sequence number, then send time in ms. */
  static byte[] payload(long sequence, long sentMs, int size) {
    ByteBuffer b = ByteBuffer.allocate(Math.max(16, size));
    b.putLong(sequence).putLong(sentMs);
    return b.array();
  }
}
