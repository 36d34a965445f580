/**
 * The fleet dashboard in the browser: log-in, users and roles, sessions, CSRF protection, the live
 * stream and the static pages, plugged into the ground station's HTTP server as a
 * {@link io.locolink.ground.api.RoutePlugin}.
 *
 * <p>May use: {@code io.locolink.ground.api} (the plugin hook and station services),
 * {@code io.locolink.ground.store} (queries), the proto's generated classes for decoding stored
 * alarms, the gateway's {@code config} (its PEM loader, for the HTTPS identity), Javalin/Jetty, JDBC,
 * bcrypt. Used by: the {@code ground} command and the demo, which add
 * {@link io.locolink.ground.web.Dashboard} to the station they start.
 */
package io.locolink.ground.web;
