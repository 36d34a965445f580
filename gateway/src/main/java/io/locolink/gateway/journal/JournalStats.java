package io.locolink.gateway.journal;

import java.time.Duration;

/**
 * A snapshot of the journal's counters, for the retained status message.
 *
 * @param queueDepthRecords records stored and not yet acknowledged by the broker
 * @param oldestUnsentAge age of the oldest unacknowledged record; zero when none is waiting
 * @param droppedTelemetry non-precious records (telemetry, status) evicted or refused because the
 *     journal was full, since open
 * @param droppedOther precious records (energy, alarms, trips) refused because the journal was full
 *     of precious records, since open; should stay 0
 * @param journalBytes bytes the journal's segment files occupy now
 * @param bytesWrittenToday bytes written to the journal directory since 00:00 UTC today (records,
 *     cursor and sequence files), counted since open
 * @param recovery what was found when the journal was opened
 */
public record JournalStats(long queueDepthRecords, Duration oldestUnsentAge, long droppedTelemetry,
    long droppedOther, long journalBytes, long bytesWrittenToday, RecoveryReport recovery) {}
