package io.locolink.gateway.uplink;

import io.locolink.gateway.framing.HistoricalFlag;
import io.locolink.gateway.framing.Topics;
import io.locolink.gateway.journal.Journal;
import io.locolink.gateway.journal.JournalRecord;
import io.locolink.gateway.journal.JournalStorageException;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An uplink without a network, for tests and demos: hands every journal record to a consumer on
 * its own thread, in the same order and with the same historical flag as {@link PahoUplink}
 * (live first, then the backlog that was held at start), and acknowledges it when the consumer
 * returns. No bandwidth cap, no status.
 */
public final class InProcessUplink implements Uplink {

  private static final Logger LOG = LoggerFactory.getLogger(InProcessUplink.class);

  /** One delivered message: topic as PahoUplink would use it, and the bytes as sent. */
  public record Delivery(String topic, byte[] payload, boolean historical) {}

  private final Journal journal;
  private final String topicPrefix;
  private final Consumer<Delivery> consumer;
  private final InstantSource clock;
  private final List<LinkListener> listeners = new CopyOnWriteArrayList<>();
  private final Semaphore wake = new Semaphore(0);
  private volatile boolean closing;
  private volatile LinkEvent link;
  private Thread thread;

  public InProcessUplink(Journal journal, String locomotiveId, Consumer<Delivery> consumer, InstantSource clock) {
    this.journal = journal;
    this.topicPrefix = Topics.prefix(locomotiveId);
    this.consumer = consumer;
    this.clock = clock;
    this.link = LinkEvent.of(LinkState.CONNECTING, "not started", clock.instant());
  }

  @Override
  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("uplink already started");
    }
    journal.addAppendListener(wake::release);
    thread = new Thread(this::run, "uplink-inprocess");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    emit(LinkEvent.of(LinkState.ONLINE, "in process", clock.instant()));
    SendPlan plan = new SendPlan(journal);
    try {
      while (!closing) {
        Optional<JournalRecord> rec = plan.nextLive();
        boolean historical = false;
        if (rec.isEmpty()) {
          rec = plan.nextBacklog();
          historical = true;
        }
        if (rec.isEmpty()) {
          wake.tryAcquire(100, TimeUnit.MILLISECONDS);
          wake.drainPermits();
          continue;
        }
        JournalRecord r = rec.get();
        consumer.accept(new Delivery(topicPrefix + r.kind().topicSuffix(),
            historical ? HistoricalFlag.mark(r.payload()) : r.payload(), historical));
        journal.acknowledge(r.kind(), r.sequence());
      }
    } catch (JournalStorageException e) {
      LOG.error("in-process uplink: cannot read the journal: {}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    emit(LinkEvent.of(LinkState.CLOSED, "closed", clock.instant()));
  }

  @Override
  public void addLinkListener(LinkListener listener) {
    listeners.add(listener);
  }

  @Override
  public LinkEvent link() {
    return link;
  }

  private void emit(LinkEvent event) {
    link = event;
    listeners.forEach(l -> l.onLink(event));
  }

  @Override
  public void close() {
    closing = true;
    wake.release();
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null) {
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
