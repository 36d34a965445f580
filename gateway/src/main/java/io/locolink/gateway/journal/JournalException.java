package io.locolink.gateway.journal;

/** The journal could not do what was asked; subclasses say what failed. */
public abstract sealed class JournalException extends Exception
    permits JournalFullException, JournalStorageException {

  JournalException(String message, Throwable cause) {
    super(message, cause);
  }
}
