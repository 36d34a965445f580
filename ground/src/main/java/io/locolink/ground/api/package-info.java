/**
 * The station's HTTP server (Javalin on Jetty) and its read API under {@code /api/v1}: fleet
 * snapshot, history, energy, alarms, gaps, trips; JSON, and CSV where a table makes sense. Errors
 * are JSON with a message; a bad parameter is a 400, never a 500.
 *
 * <p>The server is built from a list of {@link io.locolink.ground.api.RoutePlugin}s, so the
 * dashboard ({@code io.locolink.ground.web}) adds its pages, log-in and live stream to the same
 * server; {@link io.locolink.ground.api.StationServices} hands a plugin the store's queries and
 * the {@link io.locolink.ground.api.LiveFeed}. May use Javalin, Jackson and
 * {@code io.locolink.ground.store}; never MQTT. Used by the station's wiring and the dashboard.
 */
package io.locolink.ground.api;
