package io.locolink.ground.store;

import io.locolink.ground.store.Incoming.Content;

/**
 * A locomotive's status (the retained message, or the broker's last will saying it went offline).
 *
 * @param link {@code ONLINE} or {@code OFFLINE}
 */
public record StatusRow(String link, String softwareVersion, long queueDepth, long oldestUnsentAgeS,
    long droppedTelemetry, long droppedOther, long uptimeS) implements Content {}
