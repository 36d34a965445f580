package io.locolink.gateway.uplink;

import io.locolink.gateway.journal.JournalRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The in-process {@link Transport}: a session hands each record to a consumer on the policy's link
 * thread; the record is accepted when the consumer returns and refused when it throws (the
 * exception is the reason). Opening always succeeds, the window is unbounded, and there is no
 * status or last will (the consumer sees only journal records).
 */
final class InProcessTransport implements Transport {

  private final Consumer<Delivery> consumer;
  private volatile boolean aborted;

  InProcessTransport(Consumer<Delivery> consumer) {
    this.consumer = consumer;
  }

  @Override
  public String target() {
    return "in process";
  }

  @Override
  public Session open(byte[] willPayload, Runnable wake) throws ConnectFailure {
    if (aborted) {
      throw ConnectFailure.aborted(target());
    }
    return new InProcessSession();
  }

  @Override
  public long maxOpenMs() {
    return 0;
  }

  @Override
  public void abort() {
    aborted = true;
  }

  private final class InProcessSession implements Session {

    private final List<Answer> answers = new ArrayList<>();

    @Override
    public boolean tryReserveSlot() {
      return true;
    }

    @Override
    public boolean hasFreeSlot() {
      return true;
    }

    @Override
    public void releaseSlot() {
      // unbounded window
    }

    @Override
    public void publish(String topic, byte[] payload, int qos, boolean retained, JournalRecord record) {
      try {
        // the policy hands over the journal's own array unless it flagged a copy historical
        consumer.accept(new Delivery(topic, payload, payload != record.payload()));
        answers.add(Answer.accepted(record));
      } catch (RuntimeException e) {
        answers.add(Answer.refused(record, e.toString()));
      }
    }

    @Override
    public void publishUntracked(String topic, byte[] payload, int qos, boolean retained) {
      // no status in process
    }

    @Override
    public boolean hasAnswers() {
      return !answers.isEmpty();
    }

    @Override
    public List<Answer> takeAnswers() {
      List<Answer> taken = List.copyOf(answers);
      answers.clear();
      return taken;
    }

    @Override
    public Throwable lostCause() {
      return null;
    }

    @Override
    public void disconnect(long timeoutMs) {
      // nothing to end
    }

    @Override
    public void dispose() {
      // nothing to release
    }
  }
}
