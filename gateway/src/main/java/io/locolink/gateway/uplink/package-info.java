/**
 * The uplink: sends what the journal holds (live first, then the backlog flagged historical under
 * a bandwidth cap, in order per stream) and removes each record once the other side accepted it.
 * One send policy ({@code SendPolicy}: reconnect with backoff and jitter, retained status, messages
 * the broker keeps refusing set aside on disk and counted) is the only {@code Uplink}; {@code
 * Uplinks} builds it on the transport the configuration asks for, the only difference: MQTT 3.1.1
 * or MQTT 5 with Paho (TLS, last will), or in process for tests, demos and fleet runs; the two Paho
 * transports share how they connect, abort a connect and close ({@code ConnectAttempts}, {@code
 * PahoThreads}). The only gateway package that imports Paho. May use {@code journal}, {@code
 * framing} (kinds, topics, historical flag, status figures), {@code config} and {@code storage}
 * (the atomic replace of set-aside files). Used by {@code app} and the simulator's fleet mode.
 */
package io.locolink.gateway.uplink;
