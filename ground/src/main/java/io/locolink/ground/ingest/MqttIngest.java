package io.locolink.ground.ingest;

import io.locolink.ground.store.BatchWriter;
import io.locolink.ground.store.WriteResult;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.util.MqttTopicValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The station's MQTT v5 consumer. One connection thread keeps a session with the broker (clean
 * start off, so the broker queues what arrives while the station is away; a fresh Paho client per
 * connection and its own reconnect loop) on the fleet's shared subscription, plus a plain
 * subscription to the status topics so the retained statuses arrive (a shared subscription should get no
 * retained messages); of a status that arrives through both, one copy is stored and the other only
 * acknowledged (told apart by subscription identifiers, {@link #statusCopy}). Each connection
 * subscribes with identifiers of its own ({@link SubscriptionIds}), so a message the broker held for
 * the session from before it subscribed is told from one published since ({@link #held}). Paho's callback thread
 * decodes what arrives (in arrival order, which the decoder's per-locomotive cell chains rely on) and queues it for the writer of its locomotive.
 * Writer threads (one per database connection, {@link IngestSettings#writers()}) each own a share of
 * the locomotives: a writer takes batches off its own queue in arrival order and writes each through
 * the {@link BatchWriter} in its own transaction. So one writer's inserts run while another commits,
 * and yet two writers never take row locks on the same locomotive's rows (latest state, minute marks,
 * sequence accounting), which would make one wait for the other's commit. A committed message is
 * acknowledged (manual PUBACK) only once every message that arrived before it is committed and
 * acknowledged too: acknowledgements follow arrival order whatever order the transactions finish
 * in, and a batch's listeners are told once all its messages are acknowledged. Decoding the next
 * messages thus overlaps the database's work. A crash between receipt and commit loses nothing: the
 * broker redelivers, the store's key drops the copy.
 */
public final class MqttIngest implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MqttIngest.class);

  /** The status topics, subscribed plainly for their retained messages. */
  static final String STATUS_FILTER = "locolink/v1/+/status";

  /**
   * One message as Paho handed it over and decoded, with the connection it came on (acks go back on that
   * one only). Its batch is set by the writer that takes it, and it is marked committed once that batch is.
   * A status copy that another subscription brings too ({@link #statusCopy}) has neither outcome nor batch
   * and is committed at once.
   */
  private static final class Received {
    final MessageDecoder.Outcome outcome;
    final int id;
    final int qos;
    final long generation;
    /** Set by the writer before the batch's commit; read under {@link #ackLock} after it. */
    Batch batch;
    volatile boolean committed;

    Received(MessageDecoder.Outcome outcome, int id, int qos, long generation) {
      this.outcome = outcome;
      this.id = id;
      this.qos = qos;
      this.generation = generation;
    }
  }

  /** A committed batch: what was written, and how many of its messages still wait for their acknowledgement. */
  private static final class Batch {
    WriteResult result;
    int unacknowledged;
  }

  private record Link(MqttClient client, long generation) {}

  private final IngestSettings settings;
  private final MessageDecoder decoder;
  private final BatchWriter writer;
  /** Decoded messages waiting for a writer, one queue per writer; a locomotive's messages all go to one. */
  private final List<BlockingQueue<Received>> queues;
  /** Every message received and not acknowledged yet, in arrival order. */
  private final java.util.Queue<Received> pending = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final List<IngestListener> listeners = new CopyOnWriteArrayList<>();
  private final AtomicReference<Link> link = new AtomicReference<>();
  private final CountDownLatch firstSubscribed = new CountDownLatch(1);
  private final IngestStats stats = new IngestStats();
  private final AtomicLong generations = new AtomicLong();
  /** Draws each connection's subscription identifiers; used on the connection thread only. */
  private final SplittableRandom random = new SplittableRandom();
  private final Thread connectionThread;
  private final List<Thread> writerThreads;
  /** Held while committed messages are acknowledged in arrival order and listeners told. */
  private final Object ackLock = new Object();
  private volatile boolean closed;
  private volatile CountDownLatch lost;
  /** {@link System#nanoTime()} when a writer loop last went round (at least every 200 ms while they run). */
  private volatile long writerTurnNanos = System.nanoTime();

  public MqttIngest(IngestSettings settings, MessageDecoder decoder, BatchWriter writer) {
    this.settings = settings;
    this.decoder = decoder;
    this.writer = writer;
    List<BlockingQueue<Received>> writerQueues = new java.util.ArrayList<>();
    List<Thread> writers = new java.util.ArrayList<>();
    for (int i = 0; i < settings.writers(); i++) {
      BlockingQueue<Received> q = new ArrayBlockingQueue<>(Math.max(settings.receiveMaximum() * 2,
          settings.batchMax() * 2));
      writerQueues.add(q);
      writers.add(Thread.ofPlatform().name("ground-writer-" + (i + 1)).daemon().unstarted(() -> writeLoop(q)));
    }
    this.queues = List.copyOf(writerQueues);
    this.connectionThread = Thread.ofPlatform().name("ground-mqtt").daemon().unstarted(this::connectLoop);
    this.writerThreads = List.copyOf(writers);
  }

  /** Adds a listener told after each committed batch; may be called before or after {@link #start()}. */
  public void addListener(IngestListener listener) {
    listeners.add(listener);
  }

  /** Starts connecting (in the background) and writing. Does not block. */
  public void start() {
    connectionThread.start();
    writerThreads.forEach(Thread::start);
  }

  /**
   * Waits until the station first subscribed.
   *
   * @return false if that did not happen within the timeout
   */
  public boolean awaitSubscribed(long timeout, TimeUnit unit) throws InterruptedException {
    return firstSubscribed.await(timeout, unit);
  }

  /**
   * How long ago a writer loop last went round: under 200 ms plus one batch's write while they run, growing
   * while they hang or retry batches against a database that is away. For the service manager's watchdog.
   */
  public Duration writerIdle() {
    return Duration.ofNanos(System.nanoTime() - writerTurnNanos);
  }

  /** True while connected and subscribed. */
  public boolean connected() {
    Link l = link.get();
    return l != null && l.client().isConnected();
  }

  /** Counters since start. */
  public IngestStats stats() {
    return stats;
  }

  /**
   * Stops: the batches being written are finished and acknowledged (up to the first message not
   * committed), queued messages not yet written stay unacknowledged (the broker redelivers them to
   * the session, and the store's key drops what of them it holds), the latest rows the writer deferred
   * are written, the connection is closed normally so the session survives. Blocks up to about 20 s per
   * writer.
   */
  @Override
  public void close() {
    closed = true;
    writerThreads.forEach(Thread::interrupt);
    writerThreads.forEach(MqttIngest::join);
    flushLatest(true);
    for (Received r : pending) {
      if (r.committed && r.qos > 0) {
        stats.unacknowledged.incrementAndGet();  // committed behind one that is not: redelivered, then dropped as a copy
      }
    }
    connectionThread.interrupt();
    CountDownLatch l = lost;
    if (l != null) {
      l.countDown();
    }
    join(connectionThread);
  }

  private static void join(Thread t) {
    try {
      t.join(20_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void connectLoop() {
    long delayMs = 500;
    while (!closed) {
      long generation = generations.incrementAndGet();
      CountDownLatch myLost = new CountDownLatch(1);
      lost = myLost;
      MqttClient client = null;
      try {
        IdentifiedClient identified = new IdentifiedClient(settings.brokerUrl(), settings.clientId());
        client = identified;
        client.setManualAcks(true);
        SubscriptionIds ids = SubscriptionIds.draw(random);
        client.setCallback(new Callback(generation, myLost, ids));
        IMqttToken connected = client.connectWithResult(options());
        link.set(new Link(client, generation));  // before subscribing: what a subscription brings is acknowledged on it
        subscribe(identified, connected, ids);
        firstSubscribed.countDown();
        LOG.info("ground station subscribed at {} as {} ({})", settings.brokerUrl(), settings.clientId(),
            settings.sharedFilter());
        delayMs = 500;
        myLost.await();
      } catch (MqttException e) {
        LOG.warn("ground station cannot reach the broker at {}: {}", settings.brokerUrl(), e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } finally {
        Link current = link.get();
        if (current != null && current.generation() == generation) {
          link.compareAndSet(current, null);
        }
        closeQuietly(client);
      }
      if (!closed) {
        try {
          Thread.sleep(delayMs);
        } catch (InterruptedException e) {
          break;
        }
        delayMs = Math.min(delayMs * 2, 10_000);
      }
    }
  }

  /**
   * Subscribes to the fleet's shared subscription and, plainly, to the status topics, whose retained
   * messages a shared subscription never gets. A live status matches both, so the broker sends it twice;
   * with subscription identifiers (when the broker offers them) the station tells the plain
   * subscription's live copy apart and does not store it twice ({@link #statusCopy}). The plain
   * subscription asks for the retained statuses only when it is new (retain handling 1): a session the
   * broker kept already queued, on the shared subscription, every status published meanwhile. A session
   * the broker kept has both subscriptions already: subscribing again gives them this connection's
   * identifiers, so what the broker matched before carries an earlier connection's ({@link #held}).
   */
  private void subscribe(IdentifiedClient client, IMqttToken connected, SubscriptionIds ids) throws MqttException {
    MqttSubscription shared = new MqttSubscription(settings.sharedFilter(), 1);
    MqttSubscription status = new MqttSubscription(STATUS_FILTER, 1);
    MqttProperties offered = connected.getResponseProperties();
    if (offered != null && !offered.isSubscriptionIdentifiersAvailable()) {
      LOG.info("the broker offers no subscription identifiers: each live status is received twice and stored once, "
          + "and frames it held while the station was away keep their locomotives fresh as if sent now");
      client.subscribe(new MqttSubscription[] {shared, status});
      return;
    }
    status.setRetainHandling(1);
    client.subscribe(shared, ids.shared());
    client.subscribe(status, ids.status());
  }

  /**
   * True for a status copy that another subscription of the station brings too, as told by the
   * subscription identifiers of the copy: a live status is taken from the shared subscription (which
   * hands it to one instance of the group), so the plain subscription's live copy is one; a retained
   * status is taken from the plain subscription (which every instance has), so a retained copy that only
   * the shared subscription brought (Mosquitto 2.0 sends them to new shared subscriptions too) is one.
   * Without identifiers (a broker that offers none), no copy is: the store's key drops the second. The
   * identifiers may be an earlier connection's ({@link SubscriptionIds}): their parity names the subscription.
   */
  static boolean statusCopy(String topic, MqttMessage message) {
    if (message.getProperties() == null) {
      return false;
    }
    List<Integer> ids = message.getProperties().getSubscriptionIdentifiers();
    boolean shared = ids.stream().anyMatch(SubscriptionIds::isShared);
    boolean status = ids.stream().anyMatch(SubscriptionIds::isStatus);
    if (shared == status) {
      return false;
    }
    return message.isRetained() ? shared && MqttTopicValidator.isMatched(STATUS_FILTER, topic) : status;
  }

  /**
   * True for a message the broker held for the station's session from before this connection
   * subscribed ({@code ids}): published while the station was away, or delivered before and not
   * acknowledged. It carries subscription identifiers, none of them this connection's. Its arrival
   * says nothing of when it was sent: a burst of them comes at every reconnect. A message without
   * identifiers (from a broker that offers none) cannot be told apart and counts as published now.
   */
  static boolean held(MqttMessage message, SubscriptionIds ids) {
    if (message.getProperties() == null) {
      return false;
    }
    List<Integer> carried = message.getProperties().getSubscriptionIdentifiers();
    return !carried.isEmpty() && !ids.current(carried);
  }

  private MqttConnectionOptions options() {
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(false);
    o.setSessionExpiryInterval(settings.sessionExpiryS());
    o.setReceiveMaximum(settings.receiveMaximum());
    o.setAutomaticReconnect(false);
    o.setKeepAliveInterval(30);
    o.setConnectionTimeout(10);
    if (settings.socketFactory() != null) {
      o.setSocketFactory(settings.socketFactory());
    }
    if (settings.username() != null) {
      o.setUserName(settings.username());
    }
    if (settings.password() != null) {
      o.setPassword(settings.password());
    }
    return o;
  }

  private void closeQuietly(MqttClient client) {
    if (client == null) {
      return;
    }
    try {
      if (client.isConnected()) {
        client.disconnect(2_000);
      }
    } catch (MqttException e) {
      LOG.debug("disconnect: {}", e.getMessage());
    }
    try {
      client.close(true);
    } catch (MqttException e) {
      LOG.debug("close: {}", e.getMessage());
    }
  }

  private final class Callback implements MqttCallback {
    private final long generation;
    private final CountDownLatch myLost;
    private final SubscriptionIds ids;

    Callback(long generation, CountDownLatch myLost, SubscriptionIds ids) {
      this.generation = generation;
      this.myLost = myLost;
      this.ids = ids;
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
      stats.received.incrementAndGet();
      if (statusCopy(topic, message)) {
        stats.statusCopies.incrementAndGet();
        Received copy = new Received(null, message.getId(), message.getQos(), generation);
        copy.committed = true;  // nothing to store: acknowledged in arrival order like the rest
        pending.add(copy);
        acknowledgeCommitted();
        return;
      }
      MessageDecoder.Outcome outcome = decoder.decode(topic, message.getPayload(), System.currentTimeMillis());
      if (held(message, ids)) {
        stats.held.incrementAndGet();
        if (outcome instanceof MessageDecoder.Accepted a) {
          outcome = new MessageDecoder.Accepted(a.message().asHeld());
        }
      }
      Received r = new Received(outcome, message.getId(), message.getQos(), generation);
      pending.add(r);
      queues.get(writerOf(outcome)).put(r);
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      LOG.info("ground station lost the broker: {}", response.getReasonString() != null ? response.getReasonString()
          : response.getException() != null ? response.getException().getMessage() : "disconnected");
      myLost.countDown();
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
      LOG.warn("MQTT error: {}", exception.getMessage());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }

  /**
   * The writer of a message: by its locomotive, so each locomotive's rows are only ever locked by one
   * writer's transactions; refused messages (which touch no locomotive's rows) by their topic.
   */
  private int writerOf(MessageDecoder.Outcome outcome) {
    String key = switch (outcome) {
      case MessageDecoder.Accepted a -> a.message().locomotive();
      case MessageDecoder.Refused r -> r.letter().topic();
    };
    return Math.floorMod(key.hashCode(), queues.size());
  }

  private void writeLoop(BlockingQueue<Received> queue) {
    BatchLoop loop = new BatchLoop(writer);
    while (!closed) {
      writerTurnNanos = System.nanoTime();
      List<Received> batch;
      try {
        batch = take(queue);
      } catch (InterruptedException e) {
        if (closed) {
          return;
        }
        continue;
      }
      if (batch.isEmpty()) {
        flushLatest(false);
        continue;
      }
      // When closed while the database is away: null, nothing committed, all redelivered later.
      WriteResult result = loop.write(batch.stream().map(r -> r.outcome).toList(), () -> closed);
      if (result == null) {
        return;  // closed: this batch and the rest stay unacknowledged, the broker redelivers them to the session
      }
      stats.add(result);
      Batch b = new Batch();
      b.result = result;
      b.unacknowledged = batch.size();
      for (Received r : batch) {
        r.batch = b;
        r.committed = true;
      }
      acknowledgeCommitted();
      flushLatest(false);
    }
  }

  /**
   * Writes the latest rows the writer deferred whose interval has passed (all of them if {@code all}) and
   * tells the listeners which locomotives' state changed; a failure is logged and retried on the next turn.
   */
  private void flushLatest(boolean all) {
    java.util.Set<String> flushed;
    try {
      flushed = writer.flushLatest(all);
    } catch (java.sql.SQLException e) {
      LOG.warn("cannot write the deferred latest rows ({}); retrying", e.getMessage());
      return;
    }
    if (flushed.isEmpty()) {
      return;
    }
    WriteResult result = new WriteResult(0, 0, 0, 0, flushed);
    for (IngestListener listener : listeners) {
      try {
        listener.committed(result);
      } catch (RuntimeException e) {
        LOG.warn("ingest listener failed: {}", e.toString());
      }
    }
  }

  /**
   * Acknowledges the committed messages at the head of the arrival order, up to the first one not
   * committed yet (its writer acknowledges it and those after it when it commits), and tells the
   * listeners of each batch whose messages are all acknowledged.
   */
  private void acknowledgeCommitted() {
    synchronized (ackLock) {
      Link l = link.get();
      for (Received r = pending.peek(); r != null && r.committed; r = pending.peek()) {
        pending.poll();
        acknowledge(l, r);
        if (r.batch != null && --r.batch.unacknowledged == 0) {
          for (IngestListener listener : listeners) {
            try {
              listener.committed(r.batch.result);
            } catch (RuntimeException e) {
              LOG.warn("ingest listener failed: {}", e.toString());
            }
          }
        }
      }
    }
  }

  private List<Received> take(BlockingQueue<Received> queue) throws InterruptedException {
    Received first = queue.poll(200, TimeUnit.MILLISECONDS);
    if (first == null) {
      return List.of();
    }
    java.util.ArrayList<Received> batch = new java.util.ArrayList<>();
    batch.add(first);
    long deadline = System.nanoTime() + settings.linger().toNanos();
    while (batch.size() < settings.batchMax()) {
      queue.drainTo(batch, settings.batchMax() - batch.size());
      long left = deadline - System.nanoTime();
      if (batch.size() >= settings.batchMax() || left <= 0) {
        break;
      }
      Received next = queue.poll(left, TimeUnit.NANOSECONDS);
      if (next == null) {
        break;
      }
      batch.add(next);
    }
    return batch;
  }

  private void acknowledge(Link l, Received r) {
    if (r.qos == 0) {
      return;
    }
    if (l == null || l.generation() != r.generation) {
      stats.unacknowledged.incrementAndGet();  // its connection is gone: the broker redelivers it
      return;
    }
    try {
      l.client().messageArrivedComplete(r.id, r.qos);
      stats.acknowledged.incrementAndGet();
    } catch (MqttException e) {
      stats.unacknowledged.incrementAndGet();
      LOG.debug("ack of message {} failed: {}", r.id, e.getMessage());
    }
  }
}
