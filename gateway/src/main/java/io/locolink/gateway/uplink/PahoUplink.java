package io.locolink.gateway.uplink;

import io.locolink.gateway.config.MqttConfig;
import io.locolink.gateway.framing.HistoricalFlag;
import io.locolink.gateway.framing.StatusReport;
import io.locolink.gateway.framing.Topics;
import io.locolink.gateway.journal.Journal;
import io.locolink.gateway.journal.JournalRecord;
import io.locolink.gateway.journal.JournalStats;
import io.locolink.gateway.journal.JournalStorageException;
import io.locolink.gateway.framing.StreamKind;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT uplink over Paho mqttv3: its own reconnect loop with exponential backoff and jitter, a
 * fresh client per connection (memory persistence, clean session, no Paho automatic reconnect or
 * offline buffer), an explicit in-flight window, live data before the backlog (flagged
 * historical, paced by the bandwidth cap), a retained status and an offline last will.
 *
 * <p>Threads: one "uplink-link" thread connects and sends; Paho's threads (named
 * "uplink-paho-N-M") belong to one connection and stop with it.
 */
public final class PahoUplink implements Uplink {

  private static final Logger LOG = LoggerFactory.getLogger(PahoUplink.class);

  private final MqttConfig cfg;
  private final Journal journal;
  private final StatusEncoder statusEncoder;
  private final InstantSource clock;
  private final Backoff backoff;
  private final PahoConnector connector;
  private final String topicPrefix;
  private final String statusTopic;
  private final List<LinkListener> listeners = new CopyOnWriteArrayList<>();
  private final Semaphore wake = new Semaphore(0);
  private final AtomicLong appends = new AtomicLong();
  private volatile boolean sleeping;
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile LinkEvent link;
  private volatile boolean closing;
  private Thread linkThread;

  private PahoUplink(MqttConfig cfg, String locomotiveId, Journal journal, StatusEncoder statusEncoder,
      InstantSource clock, RandomGenerator random) {
    this.cfg = cfg;
    this.journal = journal;
    this.statusEncoder = statusEncoder;
    this.clock = clock;
    this.backoff = new Backoff(cfg.reconnect().initialMs(), cfg.reconnect().maxMs(), random);
    this.topicPrefix = Topics.prefix(locomotiveId);
    this.statusTopic = Topics.of(locomotiveId, StreamKind.STATUS);
    this.connector = new PahoConnector(cfg, "locolink-" + locomotiveId, statusTopic);
    this.link = LinkEvent.of(LinkState.CONNECTING, "not started", clock.instant());
  }

  /**
   * Creates the uplink (not yet started). Reads the credential and TLS files now.
   *
   * @param locomotiveId the {loco} level of the topics; also the MQTT client id "locolink-{loco}"
   * @param random seeds the reconnect jitter
   * @throws io.locolink.gateway.config.ConfigException if a secret or TLS file is missing,
   *     unreadable, readable by group/others, or not PEM
   */
  public static PahoUplink create(MqttConfig cfg, String locomotiveId, Journal journal, StatusEncoder statusEncoder,
      InstantSource clock, RandomGenerator random) {
    Topics.requireLocomotiveId(locomotiveId);
    return new PahoUplink(cfg, locomotiveId, journal, statusEncoder, clock, random);
  }

  @Override
  public synchronized void start() {
    if (linkThread != null) {
      throw new IllegalStateException("uplink already started");
    }
    journal.addAppendListener(this::appended);
    linkThread = new Thread(this::runLink, "uplink-link");
    linkThread.setDaemon(true);
    linkThread.start();
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
    for (LinkListener l : listeners) {
      try {
        l.onLink(event);
      } catch (RuntimeException e) {
        LOG.warn("link listener failed", e);
      }
    }
  }

  private void runLink() {
    while (!closing) {
      emit(LinkEvent.of(LinkState.CONNECTING, "connecting to " + cfg.url(), clock.instant()));
      PahoConnection conn;
      try {
        conn = connector.connect(journal, statusEncoder.encode(report(false)), this::wakeUp);
      } catch (ConnectFailure f) {
        if (closing) {
          LOG.info("uplink: connecting to {} stopped by close", cfg.url());
          break;
        }
        if (f.fault() == LinkFault.TLS_REJECTED || f.fault() == LinkFault.AUTH_REFUSED) {
          LOG.error("uplink: cannot connect to {}: {}", cfg.url(), f.detail());
        } else {
          LOG.warn("uplink: cannot connect to {}: {}", cfg.url(), f.detail());
        }
        emit(LinkEvent.down(f.fault(), f.detail(), clock.instant()));
        pause(backoff.next());
        continue;
      } catch (RuntimeException e) {
        LOG.error("uplink: connecting failed", e);
        emit(LinkEvent.down(LinkFault.OTHER, "connecting failed: " + e, clock.instant()));
        pause(backoff.next());
        continue;
      }
      backoff.reset();
      LOG.info("uplink: connected to {}", cfg.url());
      emit(LinkEvent.of(LinkState.ONLINE, "connected to " + cfg.url(), clock.instant()));
      Throwable lost;
      try {
        lost = pump(conn);
      } catch (RuntimeException e) {
        LOG.error("uplink: sending failed", e);
        lost = e;
      }
      conn.dispose();
      if (!closing) {
        String detail = "connection to " + cfg.url() + " lost: " + ConnectFailure.describe(lost);
        LOG.warn("uplink: {}", detail);
        emit(LinkEvent.down(LinkFault.CONNECTION_LOST, detail, clock.instant()));
        pause(backoff.next());
      }
    }
    emit(LinkEvent.of(LinkState.CLOSED, "closed", clock.instant()));
  }

  /** Sends until the connection drops or the uplink closes; returns why it dropped. */
  private Throwable pump(PahoConnection conn) {
    SendPlan plan = new SendPlan(journal);
    BandwidthLimiter limiter = new BandwidthLimiter(cfg.bandwidthCapBytesPerS(), cfg.bandwidthCapBytesPerS() / 4, clock);
    conn.publishUntracked(statusTopic, statusEncoder.encode(report(true)), 1, true);
    long statusDueMs = clock.millis() + cfg.statusIntervalS() * 1000L;
    try {
      while (!closing && conn.lostCause() == null) {
        long appendsSeen = appends.get();
        conn.applyAcks();
        boolean sent = false;
        boolean windowFull = true;
        if (conn.tryReserveSlot()) {
          windowFull = false;
          Optional<JournalRecord> rec = plan.nextLive();
          boolean historical = false;
          if (rec.isEmpty() && !plan.backlogDone() && limiter.backlogAllowed()) {
            rec = plan.nextBacklog();
            historical = true;
          }
          if (rec.isPresent()) {
            send(conn, limiter, rec.get(), historical);
            sent = true;
          } else {
            conn.releaseSlot();
          }
        }
        if (clock.millis() >= statusDueMs) {
          conn.publishUntracked(statusTopic, statusEncoder.encode(report(true)), 1, true);
          statusDueMs = clock.millis() + cfg.statusIntervalS() * 1000L;
        }
        if (!sent) {
          long waitMs = plan.backlogDone() ? 200 : Math.max(1, Math.min(200, limiter.waitMs()));
          sleeping = true;
          // anything that arrived after the checks above and before "sleeping" was set?
          boolean news = conn.hasPendingAcks() || (windowFull ? conn.hasFreeSlot() : appends.get() != appendsSeen);
          if (!news && !closing && conn.lostCause() == null) {
            wake.tryAcquire(waitMs, TimeUnit.MILLISECONDS);
          }
          sleeping = false;
          wake.drainPermits();
        }
      }
    } catch (JournalStorageException e) {
      LOG.error("uplink: cannot read the journal: {}", e.getMessage());
      return e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return e;
    }
    conn.applyAcks();
    if (closing && conn.lostCause() == null) {
      conn.publishUntracked(statusTopic, statusEncoder.encode(report(false)), 1, true);
      conn.disconnect(2000);
    }
    return conn.lostCause();
  }

  private void send(PahoConnection conn, BandwidthLimiter limiter, JournalRecord rec, boolean historical) {
    byte[] payload = historical ? HistoricalFlag.mark(rec.payload()) : rec.payload();
    if (historical) {
      limiter.spendBacklog(payload.length);
    } else {
      limiter.spendLive(payload.length);
    }
    int qos = rec.kind().precious() ? 1 : cfg.telemetryQos();
    conn.publish(topicPrefix + rec.kind().topicSuffix(), payload, qos, false, rec);
  }

  private StatusReport report(boolean online) {
    JournalStats j = journal.stats();
    return new StatusReport(online, clock.instant(), j.queueDepthRecords(), j.oldestUnsentAge(), j.droppedTelemetry(),
        j.droppedOther(), j.journalBytes(), j.bytesWrittenToday());
  }

  private void appended() {
    appends.incrementAndGet();
    wakeUp();
  }

  /** Wakes the sender if it sleeps; cheap enough to call for every append and acknowledgement. */
  private void wakeUp() {
    if (sleeping) {
      wake.release();
    }
  }

  private void pause(Duration d) {
    try {
      closed.await(d.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closing = true;
    }
  }

  /**
   * Stops the uplink: a connected link publishes the offline status and disconnects; a connect in
   * progress is aborted. Blocks until the link thread ended, at most the connect timeout + 10 s
   * (logged if it did not end by then).
   */
  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      closing = true;
      t = linkThread;
    }
    closed.countDown();
    wake.release();  // unconditionally: the sender may be about to sleep
    connector.abort();
    if (t != null) {
      long waitMs = connector.maxConnectMs() + 5_000;
      try {
        t.join(waitMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (t.isAlive()) {
        LOG.warn("uplink: link thread did not stop within {} ms of close; leaving it (a daemon thread) behind", waitMs);
      }
    } else {
      emit(LinkEvent.of(LinkState.CLOSED, "closed before start", clock.instant()));
    }
  }
}
