/**
 * Framing, the wire contract in code: readings and estimates to {@code locolink.v1} protobuf
 * messages and back (telemetry frames with delta coding and scaled integers, energy records,
 * alarms, status), the five message kinds ({@code StreamKind}), the MQTT topics ({@code Topics}),
 * the historical flag, and the record layer of the gateway's own files ({@code RecordFraming}:
 * length, payload, checksum). The only gateway package besides {@code trips} that touches the
 * generated classes. May use {@code acquisition}, {@code estimation} and {@code proto}. Used by
 * {@code journal} (message kinds), {@code uplink}, {@code trips}, {@code archive}, {@code app},
 * the ground tools and the simulator's fleet.
 */
package io.locolink.gateway.framing;
