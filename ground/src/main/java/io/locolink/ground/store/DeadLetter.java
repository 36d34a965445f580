package io.locolink.ground.store;

import java.util.Objects;

/**
 * A message the station refused, kept aside with the reason.
 *
 * @param receivedMs when it arrived, Unix milliseconds
 * @param topic the MQTT topic it came on
 * @param reason why it was refused, for a person
 * @param payloadLength its length as received
 * @param payload its bytes, cut to the station's size limit
 */
public record DeadLetter(long receivedMs, String topic, String reason, int payloadLength, byte[] payload) {

  public DeadLetter {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(payload, "payload");
  }
}
