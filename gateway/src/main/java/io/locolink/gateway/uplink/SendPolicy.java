package io.locolink.gateway.uplink;

import io.locolink.gateway.framing.HistoricalFlag;
import io.locolink.gateway.framing.StatusReport;
import io.locolink.gateway.framing.StreamKind;
import io.locolink.gateway.framing.Topics;
import io.locolink.gateway.journal.Journal;
import io.locolink.gateway.journal.JournalRecord;
import io.locolink.gateway.journal.JournalStats;
import io.locolink.gateway.journal.JournalStorageException;
import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one send policy of every uplink, whatever the {@link Transport}: a link loop that opens a
 * session, sends live records before the backlog (flagged historical, paced by the bandwidth cap),
 * in order per stream and alarms first, keeps the retained status fresh, removes a record from the
 * journal once the other side accepted it, and after a failed or dropped session waits with
 * backoff and jitter and opens the next.
 *
 * <p>No poison messages: a record the other side refuses, or that is the oldest unanswered record
 * when a session drops, gets a strike; it is then sent again alone, before anything else, so the
 * next refusal or drop is surely its own. After {@link SendSettings#setAsideAfter()} strikes in a
 * row it is set aside ({@link SetAsideStore}: kept on disk, counted in the status, logged at ERROR
 * once) and removed from the journal, and the stream goes on. A session that cannot even be
 * opened (the broker is down) clears the strikes: an outage is not the message's fault.
 *
 * <p>Threads: one link thread (from the given factory) opens sessions and sends; link listeners
 * run on it, and one that throws is logged and does not stop the uplink.
 */
final class SendPolicy implements Uplink {

  private static final Logger LOG = LoggerFactory.getLogger(SendPolicy.class);
  /** Longest sleep of an idle sender (a safety net: appends, answers, losses and close wake it). */
  private static final long IDLE_WAIT_MS = 1000;
  /** Longest sleep while the backlog waits for the bandwidth cap. */
  private static final long BACKLOG_WAIT_MS = 200;
  /** The link thread is not sleeping. */
  private static final int AWAKE = 0;
  /** Sleeping until anything happens: an append, an answer, a loss. */
  private static final int NEWS = 1;
  /**
   * Sleeping on a full window: a freed slot or a loss wakes it, an append does not (it could not
   * be sent yet). Waiting for a batch of free slots would save more wake-ups, but a sender that
   * pauses lets a broker's PUBACKs wait for delayed TCP acknowledgements, tens of ms each.
   */
  private static final int ROOM = 2;

  private final SendSettings settings;
  private final Transport transport;
  private final Journal journal;
  private final StatusEncoder statusEncoder;
  private final InstantSource clock;
  private final ThreadFactory threads;
  private final Backoff backoff;
  private final String statusTopic;
  private final SetAsideStore setAside;
  private final List<LinkListener> listeners = new CopyOnWriteArrayList<>();
  private final Semaphore wake = new Semaphore(0);
  private final AtomicLong appends = new AtomicLong();
  private final CountDownLatch closed = new CountDownLatch(1);
  /** What would wake the sleeping link thread: {@link #AWAKE}, {@link #NEWS} or {@link #ROOM}. */
  private volatile int waitingFor = AWAKE;
  /** The open session, read by the transport's threads when they wake the link thread; null between sessions. */
  private volatile Session current;
  private final AtomicBoolean statusChanged = new AtomicBoolean();
  private volatile LinkEvent link;
  private volatile boolean closing;
  private Thread linkThread;

  // link thread only
  private final Map<Key, Pending> inFlight = new LinkedHashMap<>();
  /** The topic of each stream, by {@link StreamKind#ordinal()}. */
  private final String[] topics;
  private Pending suspect;
  private int strikes;
  private String strikeReason = "";
  private boolean probeInFlight;

  SendPolicy(SendSettings settings, Transport transport, String locomotiveId, Journal journal,
      StatusEncoder statusEncoder, InstantSource clock, RandomGenerator random, ThreadFactory threads) {
    this.settings = settings;
    this.transport = transport;
    this.journal = journal;
    this.statusEncoder = statusEncoder;
    this.clock = clock;
    this.threads = threads;
    this.backoff = new Backoff(settings.reconnectInitialMs(), settings.reconnectMaxMs(), random);
    this.statusTopic = Topics.of(locomotiveId, StreamKind.STATUS);
    this.topics = new String[StreamKind.values().length];
    for (StreamKind kind : StreamKind.values()) {
      topics[kind.ordinal()] = Topics.of(locomotiveId, kind);
    }
    this.setAside = new SetAsideStore(settings.setAsideDir());
    this.link = LinkEvent.of(LinkState.CONNECTING, "not started", clock.instant());
  }

  /** A record's identity in the journal. */
  private record Key(StreamKind kind, long sequence) {
    static Key of(JournalRecord r) {
      return new Key(r.kind(), r.sequence());
    }
  }

  /** A record handed to the session, with the flag it was sent with. */
  private record Pending(JournalRecord record, boolean historical) {}

  @Override
  public synchronized void start() {
    if (linkThread != null) {
      throw new IllegalStateException("uplink already started");
    }
    journal.addAppendListener(this::appended);
    linkThread = threads.newThread(this::runLink);
    linkThread.start();
  }

  @Override
  public void addLinkListener(LinkListener listener) {
    listeners.add(listener);
  }

  /** The retained status is published again at the next turn of the send loop while online. Any thread. */
  @Override
  public void statusChanged() {
    statusChanged.set(true);
    wake.release();
  }

  @Override
  public LinkEvent link() {
    return link;
  }

  @Override
  public long setAsideCount() {
    return setAside.count();
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
      emit(LinkEvent.of(LinkState.CONNECTING, "connecting to " + transport.target(), clock.instant()));
      Session session;
      try {
        session = transport.open(statusEncoder.encode(report(false)), this::wakeUp);
      } catch (ConnectFailure f) {
        if (closing) {
          LOG.info("uplink: connecting to {} stopped by close", transport.target());
          break;
        }
        if (f.fault() == LinkFault.TLS_REJECTED || f.fault() == LinkFault.AUTH_REFUSED) {
          LOG.error("uplink: cannot connect to {}: {}", transport.target(), f.detail());
        } else {
          LOG.warn("uplink: cannot connect to {}: {}", transport.target(), f.detail());
        }
        clearStrikes();
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
      current = session;
      LOG.info("uplink: connected to {}", transport.target());
      emit(LinkEvent.of(LinkState.ONLINE, "connected to " + transport.target(), clock.instant()));
      Throwable lost;
      try {
        lost = pump(session);
      } catch (RuntimeException e) {
        LOG.error("uplink: sending failed", e);
        lost = e;
      }
      current = null;
      session.dispose();
      applyAnswers(session);
      if (!closing) {
        String detail = "connection to " + transport.target() + " lost: " + ConnectFailure.describe(lost);
        LOG.warn("uplink: {}", detail);
        strikeOldestInFlight(detail);
        emit(LinkEvent.down(LinkFault.CONNECTION_LOST, detail, clock.instant()));
        pause(backoff.next());
      }
      inFlight.clear();
      probeInFlight = false;
    }
    emit(LinkEvent.of(LinkState.CLOSED, "closed", clock.instant()));
  }

  /** Sends until the session drops or the uplink closes; returns why it dropped. */
  private Throwable pump(Session session) {
    SendPlan plan = new SendPlan(journal);
    BandwidthLimiter limiter = new BandwidthLimiter(settings.bandwidthCapBytesPerS(),
        settings.bandwidthCapBytesPerS() / 4, clock);
    statusChanged.set(false);  // the status published now already says it
    session.publishUntracked(statusTopic, statusEncoder.encode(report(true)), 1, true);
    long statusDueMs = clock.millis() + settings.statusIntervalS() * 1000L;
    try {
      while (!closing && session.lostCause() == null) {
        long appendsSeen = appends.get();
        applyAnswers(session);
        boolean sent = false;
        boolean windowFull = true;
        if (!probeInFlight && session.tryReserveSlot()) {
          windowFull = false;
          Optional<Pending> next = next(plan, limiter);
          if (next.isPresent()) {
            send(session, limiter, next.get());
            sent = true;
          } else {
            session.releaseSlot();
          }
        }
        if (clock.millis() >= statusDueMs || statusChanged.getAndSet(false)) {
          session.publishUntracked(statusTopic, statusEncoder.encode(report(true)), 1, true);
          statusDueMs = clock.millis() + settings.statusIntervalS() * 1000L;
        }
        if (!sent) {
          boolean forRoom = windowFull && !probeInFlight;
          // only the backlog's pacing needs a timer; anything else wakes the sender when it happens
          long waitMs = Math.max(1, Math.min(IDLE_WAIT_MS, statusDueMs - clock.millis()));
          if (!forRoom && !plan.backlogDone()) {
            waitMs = Math.max(1, Math.min(BACKLOG_WAIT_MS, limiter.waitMs()));
          }
          waitingFor = forRoom ? ROOM : NEWS;
          // anything that arrived after the checks above and before "waitingFor" was set?
          boolean news = statusChanged.get() || (forRoom ? session.hasFreeSlot()
              : session.hasAnswers() || (!probeInFlight && appends.get() != appendsSeen));
          if (!news && !closing && session.lostCause() == null) {
            wake.tryAcquire(waitMs, TimeUnit.MILLISECONDS);
          }
          waitingFor = AWAKE;
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
    applyAnswers(session);
    if (closing && session.lostCause() == null) {
      session.publishUntracked(statusTopic, statusEncoder.encode(report(false)), 1, true);
      session.disconnect(2000);
    }
    return session.lostCause();
  }

  /** The suspect first (alone), then live records, then the backlog when the cap allows. */
  private Optional<Pending> next(SendPlan plan, BandwidthLimiter limiter) throws JournalStorageException {
    if (suspect != null && !inFlight.containsKey(Key.of(suspect.record()))) {
      plan.skip(suspect.record().kind(), suspect.record().sequence());
      probeInFlight = true;
      return Optional.of(suspect);
    }
    Optional<JournalRecord> rec = plan.nextLive();
    if (rec.isPresent()) {
      return Optional.of(new Pending(rec.get(), false));
    }
    if (!plan.backlogDone() && limiter.backlogAllowed()) {
      return plan.nextBacklog().map(r -> new Pending(r, true));
    }
    return Optional.empty();
  }

  private void send(Session session, BandwidthLimiter limiter, Pending p) {
    JournalRecord rec = p.record();
    byte[] payload = p.historical() ? HistoricalFlag.mark(rec.payload()) : rec.payload();
    if (p.historical()) {
      limiter.spendBacklog(payload.length);
    } else {
      limiter.spendLive(payload.length);
    }
    int qos = rec.kind().precious() ? 1 : settings.telemetryQos();
    inFlight.put(Key.of(rec), p);
    session.publish(topics[rec.kind().ordinal()], payload, qos, false, rec);
  }

  /** Removes what was accepted from the journal; strikes what was refused. */
  private void applyAnswers(Session session) {
    List<Session.Answer> answers = session.takeAnswers();
    if (answers.isEmpty()) {
      return;
    }
    List<JournalRecord> accepted = new ArrayList<>(answers.size());
    for (Session.Answer a : answers) {
      Key key = Key.of(a.record());
      Pending p = inFlight.remove(key);
      boolean isSuspect = suspect != null && Key.of(suspect.record()).equals(key);
      if (isSuspect) {
        probeInFlight = false;
      }
      if (a.refusal().isEmpty()) {
        accepted.add(a.record());
        if (isSuspect) {
          clearStrikes();
        }
      } else {
        strike(p != null ? p : new Pending(a.record(), false), "refused: " + a.refusal().get());
      }
    }
    journal.acknowledgeAll(accepted);
  }

  /** A dropped session strikes the oldest record it left unanswered. */
  private void strikeOldestInFlight(String detail) {
    if (!inFlight.isEmpty()) {
      Pending oldest = inFlight.values().iterator().next();
      strike(oldest, "the connection dropped while it was the oldest message in flight (" + detail + ")");
    }
  }

  private void strike(Pending p, String reason) {
    if (suspect != null && Key.of(suspect.record()).equals(Key.of(p.record()))) {
      strikes++;
    } else {
      suspect = p;
      strikes = 1;
    }
    strikeReason = reason;
    JournalRecord r = p.record();
    if (strikes < settings.setAsideAfter()) {
      LOG.warn("uplink: {} {} ({} bytes) failed {} time(s) in a row: {}", r.kind(), r.sequence(), r.payload().length,
          strikes, reason);
      return;
    }
    String topic = topics[r.kind().ordinal()];
    String why = strikes + " times in a row, last: " + strikeReason;
    try {
      setAside.keep(r, topic, why);
    } catch (IOException e) {
      LOG.error("uplink: cannot set {} {} aside in {}; it stays in the journal: {}", r.kind(), r.sequence(),
          setAside.dir(), e.toString());
      return;
    }
    journal.acknowledge(r.kind(), r.sequence());
    LOG.error("uplink: set aside {} {} ({} bytes, topic {}) in {}: {}", r.kind(), r.sequence(), r.payload().length,
        topic, setAside.dir(), why);
    clearStrikes();
  }

  private void clearStrikes() {
    suspect = null;
    strikes = 0;
    strikeReason = "";
    probeInFlight = false;
  }

  private StatusReport report(boolean online) {
    JournalStats j = journal.stats();
    return new StatusReport(online, clock.instant(), j.queueDepthRecords(), j.oldestUnsentAge(), j.droppedTelemetry(),
        j.droppedOther(), j.journalBytes(), j.bytesWrittenToday(), setAside.count(), setAside.lastReason().orElse(""));
  }

  private void appended() {
    appends.incrementAndGet();
    if (waitingFor == NEWS) {
      wake.release();
    }
  }

  /**
   * Called by the transport's threads for every answer and for a loss: wakes the sender if it
   * sleeps for news, or for room and a slot is free (or the session dropped).
   */
  private void wakeUp() {
    int why = waitingFor;
    if (why == NEWS) {
      wake.release();
    } else if (why == ROOM) {
      Session s = current;
      if (s == null || s.lostCause() != null || s.hasFreeSlot()) {
        wake.release();
      }
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
   * Stops the uplink: an open session publishes the offline status and disconnects; an open in
   * progress is aborted. Blocks until the link thread ended, at most the transport's open timeout
   * + 5 s (logged if it did not end by then).
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
    transport.abort();
    if (t != null) {
      long waitMs = transport.maxOpenMs() + 5_000;
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
