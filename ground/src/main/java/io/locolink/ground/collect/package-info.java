/**
 * Depot collection: the ground's side of the gateways' CoAP/DTLS depot servers. Holds the depot
 * client (trip list, resumable block-wise log download with SHA-256 check, energy records,
 * acknowledgement of collected trips) and the station's collector: the endpoints announced in the
 * fleet's retained status (own Paho subscription), the key store, the log store by content hash,
 * the index in PostgreSQL (Flyway V30-V39, plain JDBC) and its part of the read API (a
 * {@code RoutePlugin}). May use Californium/Scandium, Paho, protobuf's generated classes, Jackson,
 * JDBC, the station's API and report tools, and the gateway's key-file reader, CoAP message
 * settings, topics and trip-id rules; never the gateway's server classes. Used by the {@code depot} command
 * ({@code io.locolink.ground.tools.depot}) and the ground station ({@code io.locolink.ground.station}).
 */
package io.locolink.ground.collect;
