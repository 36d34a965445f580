package io.locolink.gateway.framing;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What the sending side knows for the status message (proto {@code locolink.v1.Status}); the
 * header, software version, uptime and device health are added by {@link StatusCodec}.
 *
 * @param online true for the online status, false for the last will and the status sent at close
 *     (proto {@code LINK_ONLINE} / {@code LINK_OFFLINE})
 * @param at when the report was made (uplink clock)
 * @param queueDepthRecords records stored and not yet acknowledged by the broker
 * @param oldestUnsentAge age of the oldest unacknowledged record; zero when none is waiting
 * @param droppedTelemetry telemetry records thinned because the journal was full
 * @param droppedOther energy records, alarms and trips refused because the journal was full; should stay 0
 * @param journalBytes bytes the journal's segment files occupy now
 * @param journalBytesWrittenToday bytes written to the journal directory since 00:00 UTC today
 * @param setAsideMessages messages the broker refused and the uplink set aside (kept on disk, not
 *     sent); counts every message in the set-aside directory, this run's and earlier runs'
 * @param lastSetAsideReason why this run last set a message aside; empty if it did not
 */
public record StatusReport(boolean online, Instant at, long queueDepthRecords, Duration oldestUnsentAge,
    long droppedTelemetry, long droppedOther, long journalBytes, long journalBytesWrittenToday,
    long setAsideMessages, String lastSetAsideReason) {

  public StatusReport {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(oldestUnsentAge, "oldestUnsentAge");
    Objects.requireNonNull(lastSetAsideReason, "lastSetAsideReason");
  }

  /** A report with nothing set aside. */
  public StatusReport(boolean online, Instant at, long queueDepthRecords, Duration oldestUnsentAge,
      long droppedTelemetry, long droppedOther, long journalBytes, long journalBytesWrittenToday) {
    this(online, at, queueDepthRecords, oldestUnsentAge, droppedTelemetry, droppedOther, journalBytes,
        journalBytesWrittenToday, 0, "");
  }
}
