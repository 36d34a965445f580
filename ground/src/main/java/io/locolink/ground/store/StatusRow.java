package io.locolink.ground.store;

import io.locolink.ground.store.Incoming.Content;

/**
 * A locomotive's status (the retained message, or the broker's last will saying it went offline).
 *
 * @param link {@code ONLINE} or {@code OFFLINE}
 * @param setAsideMessages messages the uplink set aside after the broker refused them repeatedly (kept on the
 *     gateway's disk, not sent); status field 30
 * @param lastSetAsideReason why this run of the gateway last set one aside; empty if it did not (field 31)
 */
public record StatusRow(String link, String softwareVersion, long queueDepth, long oldestUnsentAgeS,
    long droppedTelemetry, long droppedOther, long uptimeS, long setAsideMessages, String lastSetAsideReason)
    implements Content {}
