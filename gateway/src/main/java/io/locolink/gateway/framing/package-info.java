/**
 * Framing, the wire contract in code: readings and estimates to {@code locolink.v1} protobuf
 * messages and back (telemetry frames with delta coding and scaled integers, energy records,
 * alarms, status, trip summaries), the records of a trip log ({@code LogRecordCodec}), the five
 * message kinds ({@code StreamKind}), the MQTT topics ({@code Topics}), the historical flag, which
 * values a frame's quality entries flag ({@code FlaggedValues}), and
 * the record layer of the gateway's own files ({@code RecordFraming}: length, payload, checksum).
 * The only gateway package that touches the generated classes; its API is plain Java records and
 * bytes. May use {@code acquisition}, {@code estimation} and {@code proto}. Used by {@code journal}
 * (message kinds), {@code uplink}, {@code trips}, {@code archive}, {@code depot} (the JSON forms
 * it serves), {@code app}, the ground and the simulator's fleet.
 */
package io.locolink.gateway.framing;
