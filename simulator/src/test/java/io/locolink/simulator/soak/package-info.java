/**
 * Long runs of the real gateway on a simulated locomotive with faults on ({@code SoakRun}): the
 * short version as a test, the week as {@code bench.SoakBenchmark}. Uses the simulator's pi4j,
 * scenario and faults packages, the gateway and a real Mosquitto.
 */
package io.locolink.simulator.soak;
