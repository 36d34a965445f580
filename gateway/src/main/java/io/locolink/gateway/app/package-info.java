/**
 * Wiring and the onboard command line: builds devices → acquisition → estimation → framing →
 * journal → uplink, the energy archive, trips and the depot server from the configuration, runs the acquisition cycle,
 * drives the alarm lamp and shuts everything down in order. The only package that wires stages
 * together; may use every gateway package. Used by the {@code locolink} launcher (ground and
 * simulator modules) and by the simulator's demo and fleet mode.
 */
package io.locolink.gateway.app;
