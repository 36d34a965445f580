/**
 * The uplink: sends what the journal holds (live first, then the backlog flagged historical under
 * a bandwidth cap, in order per stream) and removes each record once the broker acknowledged it;
 * over MQTT with Paho (reconnect with backoff and jitter, TLS, retained status, last will) or in
 * process for tests and demos, behind the {@code Uplink} interface. The only gateway package that
 * imports Paho. May use {@code journal}, {@code framing} (kinds, topics, historical flag, status
 * figures) and {@code config}. Used by {@code app}.
 */
package io.locolink.gateway.uplink;
