package io.locolink.gateway.uplink;

import io.locolink.gateway.journal.JournalStats;
import java.time.Instant;

/**
 * What the uplink knows for the status message.
 *
 * @param online true for the online status, false for the last will and the status sent at close
 *     (proto {@code LINK_ONLINE} / {@code LINK_OFFLINE})
 * @param journal queue depth, oldest unsent age, drops and bytes from the journal
 * @param at when the report was made (uplink clock)
 */
public record StatusReport(boolean online, JournalStats journal, Instant at) {}
