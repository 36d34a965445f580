package io.locolink.gateway.uplink;

import io.locolink.gateway.journal.JournalRecord;
import java.util.List;

/**
 * One open session of a {@link Transport}: an in-flight window, publishing, and the records the
 * other side acknowledged or refused. The send policy calls every method from its one link thread
 * except where noted; the transport's own threads feed the acknowledgements.
 */
interface Session {

  /** Takes a window slot if one is free. */
  boolean tryReserveSlot();

  /** True if a slot is free now. */
  boolean hasFreeSlot();

  /** Gives back a slot taken by {@link #tryReserveSlot()} that was not used. */
  void releaseSlot();

  /**
   * Publishes a journal record in a reserved slot; the slot is freed when the other side answers,
   * and the record comes back from {@link #takeAnswers()} as acknowledged or refused.
   */
  void publish(String topic, byte[] payload, int qos, boolean retained, JournalRecord record);

  /** Publishes outside the window and without journal bookkeeping (the retained status). */
  void publishUntracked(String topic, byte[] payload, int qos, boolean retained);

  /** True if answers wait for {@link #takeAnswers()}; any thread. */
  boolean hasAnswers();

  /** The answers that arrived since the last call, in arrival order. */
  List<Answer> takeAnswers();

  /** Why the session dropped, or null while it is up; any thread. */
  Throwable lostCause();

  /** Ends the session cleanly (the other side then drops the last will), waiting up to {@code timeoutMs}. */
  void disconnect(long timeoutMs);

  /** Closes the session and stops every thread it used, whatever state it is in. */
  void dispose();

  /**
   * What the other side said about one published record.
   *
   * @param record the record
   * @param refusal empty when it was accepted; otherwise why it was refused (an MQTT 5 reason
   *     code, or the consumer's exception), and the record was not taken
   */
  record Answer(JournalRecord record, java.util.Optional<String> refusal) {

    static Answer accepted(JournalRecord record) {
      return new Answer(record, java.util.Optional.empty());
    }

    static Answer refused(JournalRecord record, String reason) {
      return new Answer(record, java.util.Optional.of(reason));
    }
  }
}
