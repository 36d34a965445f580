/**
 * The ground station wired together: configuration, {@link io.locolink.ground.station.GroundStation}
 * (database, ingest, HTTP server, retention; programmatic start and stop for the demo and tests)
 * and the {@code locolink ground} command, which tells systemd when the station is ready and pings its
 * watchdog while the station is live ({@link io.locolink.ground.station.ServiceNotifier}). The only package of
 * the station that wires the others.
 *
 * <p>May use every station package ({@code ingest}, {@code store}, {@code api}), the gateway's
 * configuration loader and its sd_notify ({@code io.locolink.gateway.systemd}). Used by
 * {@code io.locolink.ground.GroundCommands}, the simulator's demo and the dashboard's tests.
 */
package io.locolink.ground.station;
