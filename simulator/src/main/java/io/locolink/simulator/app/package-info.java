/**
 * The simulator's commands and the demo: {@code simulator}, {@code scenario}, {@code fleet} and
 * {@code demo} (gateway on the simulated platform, an embedded MQTT 5 broker, the ground station with
 * its dashboard, the ground tools) under the
 * {@code locolink} launcher, and the lockstep clock that runs a simulation and the gateway's
 * samples on one simulated time. Wires simulator and gateway together; may use every simulator,
 * gateway and ground package and HiveMQ's embedded broker. Used by the launcher script.
 */
package io.locolink.simulator.app;
