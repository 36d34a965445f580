package io.locolink.gateway.app;

import io.locolink.gateway.journal.Journal;
import io.locolink.gateway.journal.JournalException;
import io.locolink.gateway.journal.JournalFullException;
import io.locolink.gateway.journal.JournalStorageException;
import io.locolink.gateway.framing.StreamKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's outbox on a locomotive: the durable journal. A full journal has already counted
 * the drop (it is published in the status), so the pipeline goes on; a storage failure propagates.
 * Also what the simulator's fleet mode runs each locomotive through.
 */
public final class JournalOutbox implements Outbox {

  private static final Logger LOG = LoggerFactory.getLogger(JournalOutbox.class);

  private final Journal journal;
  private long fullWarnings;

  public JournalOutbox(Journal journal) {
    this.journal = journal;
  }

  @Override
  public long nextSequence() {
    try {
      return journal.nextSequence();
    } catch (JournalStorageException e) {
      throw new OutboxFailedException("journal cannot hand out a sequence number", e);
    }
  }

  @Override
  public void append(StreamKind kind, long sequence, byte[] payload) {
    try {
      journal.append(kind, sequence, payload);
    } catch (JournalFullException e) {
      if (fullWarnings++ % 100 == 0) {
        LOG.warn("journal full: {} record {} dropped ({} warnings so far)", kind, sequence, fullWarnings);
      }
    } catch (JournalException e) {
      throw new OutboxFailedException("journal cannot store " + kind + " record " + sequence, e);
    }
  }
}
