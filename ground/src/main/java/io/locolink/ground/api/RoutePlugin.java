package io.locolink.ground.api;

import io.javalin.config.JavalinConfig;

/**
 * Adds routes, before- and after-handlers, exception handlers or static files to the station's
 * HTTP server. Called once per server, on the thread building it, before the server starts;
 * plugins are installed in list order, the read API first.
 */
@FunctionalInterface
public interface RoutePlugin {

  /** Registers this plugin's handlers on {@code config} (e.g. {@code config.routes.get(...)}). */
  void install(JavalinConfig config, StationServices services);
}
