package io.locolink.ground.ingest;

import io.locolink.ground.store.BatchWriter;
import io.locolink.ground.store.DeadLetter;
import io.locolink.ground.store.Incoming;
import io.locolink.ground.store.WriteResult;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a batch of decoded messages until it is committed. While the database is unreachable it retries
 * with a growing pause (nothing is acknowledged meanwhile, so the broker holds the rest). When the
 * database refuses the batch's data itself, it writes the messages one by one and keeps the one it
 * refuses as a dead letter, so one bad message never stalls the ingest.
 */
final class BatchLoop {

  private static final Logger LOG = LoggerFactory.getLogger(BatchLoop.class);

  private final BatchWriter writer;

  BatchLoop(BatchWriter writer) {
    this.writer = writer;
  }

  /**
   * Stores what {@code outcomes} hold (messages and dead letters); blocks until committed.
   *
   * @param stop polled between retries; when true the loop gives up
   * @return what was written, or null if {@code stop} turned true first (nothing committed)
   */
  WriteResult write(List<MessageDecoder.Outcome> outcomes, BooleanSupplier stop) {
    List<Incoming> accepted = new ArrayList<>();
    List<DeadLetter> refused = new ArrayList<>();
    for (MessageDecoder.Outcome outcome : outcomes) {
      switch (outcome) {
        case MessageDecoder.Accepted a -> accepted.add(a.message());
        case MessageDecoder.Refused r -> refused.add(r.letter());
      }
    }
    long pauseMs = 200;
    while (!stop.getAsBoolean()) {
      try {
        return writer.write(accepted, refused);
      } catch (SQLException e) {
        if (!transientProblem(e)) {
          LOG.warn("the database refused a batch ({}); writing its messages one by one", e.getMessage());
          try {
            return oneByOne(accepted, refused);
          } catch (SQLException again) {
            e = again;  // the database went away meanwhile: retry all (what was written is a duplicate now)
          }
        }
        LOG.warn("cannot write to the database ({}); retrying in {} ms", e.getMessage(), pauseMs);
      }
      try {
        Thread.sleep(pauseMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        if (stop.getAsBoolean()) {
          return null;
        }
      }
      pauseMs = Math.min(pauseMs * 2, 5_000);
    }
    return null;
  }

  /** Writes one message, waiting out transient failures; throws only when the store refuses the message itself. */
  private WriteResult writeOne(Incoming m) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try {
        return writer.write(List.of(m), List.of());
      } catch (SQLException e) {
        if (!transientProblem(e) || attempt == 10) {
          throw e;
        }
        pause(1_000);
      }
    }
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * True when trying again later may succeed: no connection (class 08, or no SQL state at all, as
   * from the pool), resources (53), an operator shutting the server down (57), a serialisation
   * failure or deadlock (40), a system error (58). Anything else is the data or the statement.
   */
  static boolean transientProblem(SQLException e) {
    String state = e.getSQLState();
    return state == null || state.startsWith("08") || state.startsWith("53") || state.startsWith("57")
        || state.startsWith("40") || state.startsWith("58");
  }

  private WriteResult oneByOne(List<Incoming> accepted, List<DeadLetter> refused) throws SQLException {
    int stored = 0;
    int duplicates = 0;
    long fills = 0;
    Set<String> locomotives = new HashSet<>();
    List<DeadLetter> letters = new ArrayList<>(refused);
    for (Incoming m : accepted) {
      try {
        WriteResult r = writeOne(m);
        stored += r.stored();
        duplicates += r.duplicates();
        fills += r.gapFills();
        locomotives.addAll(r.locomotives());
      } catch (SQLException e) {
        if (transientProblem(e)) {
          throw e;
        }
        letters.add(new DeadLetter(m.receivedMs(), "locolink/v1/" + m.locomotive() + "/"
            + m.stream().name().toLowerCase(java.util.Locale.ROOT), "the store refused it: " + e.getMessage(),
            m.payload().length, m.payload()));
      }
    }
    writer.write(List.of(), letters);
    return new WriteResult(stored, duplicates, letters.size(), fills, locomotives);
  }
}
