/**
 * Fleet mode: many simulated locomotives against one broker, each running the gateway's real
 * pipeline, journal and uplink (the one send policy), with a ground counter that measures gaps,
 * duplicates and latency; the load figures in BENCHMARKS.md come from here. May use the other
 * simulator packages (not {@code app}), the gateway's packages and Paho; never the generated
 * protobuf classes (it decodes through {@code framing}). Used by {@code app} ({@code simulator
 * fleet} command) and the fleet benchmark.
 */
package io.locolink.simulator.fleet;
