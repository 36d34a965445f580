/**
 * The ground station's MQTT ingest: a Paho MQTT v5 client on a shared subscription with a
 * persistent session and manual acknowledgements, the decoding of each message with the gateway's
 * own decoders into store rows (or a dead letter with the reason), and the batching loop that
 * acknowledges a message only after the batch holding it is committed.
 *
 * <p>May use Paho (mqttv5 only), the gateway's {@code framing} decoders and the generated protobuf
 * classes, and {@code io.locolink.ground.store}; never HTTP. Used by the station's wiring.
 */
package io.locolink.ground.ingest;
