package io.locolink.gateway.journal;

/**
 * The journal is at its size limit and nothing evictable is left: the record was not stored and
 * was counted as dropped.
 */
public final class JournalFullException extends JournalException {

  public JournalFullException(String message) {
    super(message, null);
  }
}
