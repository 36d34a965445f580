/**
 * The ground station wired together: configuration, {@link io.locolink.ground.station.GroundStation}
 * (database, ingest, HTTP server, retention; programmatic start and stop for the demo and tests)
 * and the {@code locolink ground} command. The only package of the station that wires the others.
 *
 * <p>May use every station package ({@code ingest}, {@code store}, {@code api}) and the gateway's
 * configuration loader. Used by {@code io.locolink.ground.GroundCommands}, the simulator's demo
 * and the dashboard's tests.
 */
package io.locolink.ground.station;
