package io.locolink.ground.ingest;

import io.locolink.ground.store.WriteResult;

/**
 * Told after each committed batch (and after its messages were acknowledged), and after latest rows
 * that a batch deferred were written (a result with no messages, naming their locomotives), on the
 * ingest's writer thread: keep it short and never block; hand longer work to a thread of your own. An
 * exception thrown here is logged and does not stop the ingest.
 */
@FunctionalInterface
public interface IngestListener {

  /** A batch is committed; {@code result.locomotives()} are the locomotives whose stored state changed. */
  void committed(WriteResult result);
}
