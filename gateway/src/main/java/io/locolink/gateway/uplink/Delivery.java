package io.locolink.gateway.uplink;

/**
 * One journal record handed to the consumer of an in-process uplink ({@link Uplinks#inProcess}).
 *
 * @param topic the topic it would have over MQTT
 * @param payload the bytes as sent (historical copies flagged)
 * @param historical true when it was sent from the backlog held at start
 */
public record Delivery(String topic, byte[] payload, boolean historical) {}
