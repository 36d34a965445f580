/**
 * Durable store-and-forward: every telemetry frame, energy record, alarm and trip summary is
 * appended to checksummed segment files per kind before it is sent, and leaves only when the
 * broker acknowledged it; a sequence floor, an acknowledgement cursor, a size limit that thins
 * telemetry oldest-first, and recovery that cuts torn tails. Plain Java and files; knows no topics
 * and no transport. May use {@code framing} (the message kinds), {@code config} and {@code
 * storage} (every file operation). Used by {@code uplink} and {@code app}, and by the simulator's
 * fleet mode.
 */
package io.locolink.gateway.journal;
