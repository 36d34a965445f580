/**
 * Estimation, pure computation: power and energy integration into 5-minute periods aligned to UTC,
 * state of charge and health, cell statistics, alarms with three tiers, hysteresis and debounce,
 * clock quality and CO2. No I/O: no files, sockets or protobuf. May use {@code acquisition} (its
 * snapshots) and {@code config}. Used by {@code framing} (what to encode), {@code trips}, {@code
 * depot} and {@code app}.
 */
package io.locolink.gateway.estimation;
