/**
 * Typed configuration of the gateway and its validation: the YAML file bound once at start-up into
 * records (locomotive, devices and the BMS register map, estimation, framing, journal, MQTT,
 * trips, depot), each checked with a message that names the key and the problem. Uses Jackson and
 * nothing else of LocoLink. Used by every stage that takes settings through its constructor, by
 * the simulator's platform and chips, and by {@code app}, which loads it.
 */
package io.locolink.gateway.config;
