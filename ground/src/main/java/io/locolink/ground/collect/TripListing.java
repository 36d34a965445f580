package io.locolink.ground.collect;

import java.time.Instant;

/**
 * One entry of a gateway's trip list as a depot client sees it.
 *
 * @param id trip id (already checked against the strict id shape)
 * @param start UTC start
 * @param end UTC end
 * @param sizeBytes size of the log, bytes
 * @param sha256 SHA-256 of the log, lower-case hex
 * @param collected whether the gateway has an acknowledgement for it already
 */
public record TripListing(String id, Instant start, Instant end, long sizeBytes, String sha256, boolean collected) {}
