package io.locolink.gateway.journal;

import java.io.IOException;

/** Writing, syncing or reading the journal's files failed at the operating-system level. */
public final class JournalStorageException extends JournalException {

  public JournalStorageException(String message, IOException cause) {
    super(message, cause);
  }
}
