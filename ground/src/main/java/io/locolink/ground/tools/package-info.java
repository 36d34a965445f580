/**
 * Ground tools for people at a terminal: {@code watch} (a live fleet view from an MQTT
 * subscription), {@code decode} (one message to JSON in engineering units) and their shared
 * subscriber, views and trust-store loading. May use the gateway's {@code framing} (message kinds,
 * topics, decoders) and {@code config} (its PEM loader), the generated protobuf classes, Paho,
 * picocli and Jackson; never the
 * gateway's devices, journal or uplink. Used by the launcher ({@code io.locolink.ground}) and the
 * simulator's demo.
 */
package io.locolink.ground.tools;
