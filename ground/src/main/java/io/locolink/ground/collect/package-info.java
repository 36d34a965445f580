/**
 * Depot collection: the ground's side of the gateways' CoAP/DTLS depot servers. Holds the depot
 * client (trip list, resumable block-wise log download with SHA-256 check, energy records,
 * acknowledgement of collected trips). May use Californium/Scandium, protobuf's generated classes,
 * Jackson, and the gateway's key-file reader and trip-id rules; never the gateway's server classes.
 * Used by the {@code depot} command ({@code io.locolink.ground.tools.depot}) and the ground
 * station's collector.
 */
package io.locolink.ground.collect;
