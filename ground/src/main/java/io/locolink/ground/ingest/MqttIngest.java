package io.locolink.ground.ingest;

import io.locolink.ground.store.BatchWriter;
import io.locolink.ground.store.WriteResult;
import java.time.Duration;
import java.util.List;
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
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The station's MQTT v5 consumer. One connection thread keeps a session with the broker (clean
 * start off, so the broker queues what arrives while the station is away; a fresh Paho client per
 * connection and its own reconnect loop) on the fleet's shared subscription, plus a plain
 * subscription to the status topics so the retained statuses arrive (a shared subscription gets no
 * retained messages). Paho's callback thread decodes what arrives (in arrival order, which the
 * decoder's per-locomotive cell chains rely on) and queues it. Writer threads (one per database
 * connection, {@link IngestSettings#writers()}) take numbered batches off the queue in arrival order
 * and write each through the {@link BatchWriter} in its own transaction, so one batch's inserts run
 * while another commits. A committed batch is acknowledged (manual PUBACK) only once every batch
 * taken before it is committed and acknowledged too: acknowledgements and listeners follow arrival
 * order whatever order the transactions finish in. Decoding the next messages thus overlaps the
 * database's work. A crash between receipt and commit loses nothing: the broker redelivers, the
 * store's key drops the copy.
 */
public final class MqttIngest implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MqttIngest.class);

  /** One message as Paho handed it over and decoded, with the connection it came on (acks go back on that one only). */
  private record Received(MessageDecoder.Outcome outcome, int id, int qos, long generation) {}

  private record Link(MqttClient client, long generation) {}

  /** A batch a writer finished: committed ({@code result}), or given up at close (null). */
  private record Done(List<Received> batch, WriteResult result) {}

  private final IngestSettings settings;
  private final MessageDecoder decoder;
  private final BatchWriter writer;
  private final BlockingQueue<Received> queue;
  private final List<IngestListener> listeners = new CopyOnWriteArrayList<>();
  private final AtomicReference<Link> link = new AtomicReference<>();
  private final CountDownLatch firstSubscribed = new CountDownLatch(1);
  private final IngestStats stats = new IngestStats();
  private final AtomicLong generations = new AtomicLong();
  private final Thread connectionThread;
  private final List<Thread> writerThreads;
  /** Held while a writer takes the next batch off the queue and numbers it. */
  private final Object takeLock = new Object();
  /** The number of the next batch taken; guarded by {@link #takeLock}. */
  private long nextTaken;
  /** Held while finished batches are acknowledged in order. */
  private final Object ackLock = new Object();
  /** Finished batches waiting for an earlier one, by number; guarded by {@link #ackLock}. */
  private final java.util.TreeMap<Long, Done> finished = new java.util.TreeMap<>();
  /** The number of the next batch to acknowledge; guarded by {@link #ackLock}. */
  private long nextAcknowledged;
  /** A batch was given up at close: nothing after it is acknowledged; guarded by {@link #ackLock}. */
  private boolean ackStopped;
  private volatile boolean closed;
  private volatile CountDownLatch lost;
  /** {@link System#nanoTime()} when a writer loop last went round (at least every 200 ms while they run). */
  private volatile long writerTurnNanos = System.nanoTime();

  public MqttIngest(IngestSettings settings, MessageDecoder decoder, BatchWriter writer) {
    this.settings = settings;
    this.decoder = decoder;
    this.writer = writer;
    this.queue = new ArrayBlockingQueue<>(Math.max(settings.receiveMaximum() * 2, settings.batchMax() * 2));
    this.connectionThread = Thread.ofPlatform().name("ground-mqtt").daemon().unstarted(this::connectLoop);
    List<Thread> writers = new java.util.ArrayList<>();
    for (int i = 0; i < settings.writers(); i++) {
      writers.add(Thread.ofPlatform().name("ground-writer-" + (i + 1)).daemon().unstarted(this::writeLoop));
    }
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
   * Stops: the batches being written are finished and acknowledged (up to the first one a writer
   * had to give up), queued messages not yet written stay unacknowledged (the broker redelivers
   * them to the session), the connection is closed normally so the session survives. Blocks up to
   * about 20 s per writer.
   */
  @Override
  public void close() {
    closed = true;
    writerThreads.forEach(Thread::interrupt);
    writerThreads.forEach(MqttIngest::join);
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
        client = new MqttClient(settings.brokerUrl(), settings.clientId(), new MemoryPersistence());
        client.setManualAcks(true);
        client.setCallback(new Callback(generation, myLost));
        client.connect(options());
        client.subscribe(new MqttSubscription[] {
            new MqttSubscription(settings.sharedFilter(), 1), new MqttSubscription("locolink/v1/+/status", 1)});
        link.set(new Link(client, generation));
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

    Callback(long generation, CountDownLatch myLost) {
      this.generation = generation;
      this.myLost = myLost;
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
      stats.received.incrementAndGet();
      MessageDecoder.Outcome outcome = decoder.decode(topic, message.getPayload(), System.currentTimeMillis());
      queue.put(new Received(outcome, message.getId(), message.getQos(), generation));
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

  private void writeLoop() {
    BatchLoop loop = new BatchLoop(writer);
    while (!closed) {
      writerTurnNanos = System.nanoTime();
      List<Received> batch;
      long number;
      try {
        synchronized (takeLock) {
          batch = take();
          number = nextTaken;
          if (!batch.isEmpty()) {
            nextTaken++;
          }
        }
      } catch (InterruptedException e) {
        if (closed) {
          return;
        }
        continue;
      }
      if (batch.isEmpty()) {
        continue;
      }
      // When closed while the database is away: null, nothing committed, all redelivered later.
      WriteResult result = loop.write(batch.stream().map(Received::outcome).toList(), () -> closed);
      finished(number, new Done(batch, result));
      if (result == null) {
        return;
      }
    }
    // Closed: leave the rest unacknowledged, the broker redelivers it to the session.
  }

  /** Acknowledges {@code done} and every batch after it that is waiting for it, in the order they were taken. */
  private void finished(long number, Done done) {
    synchronized (ackLock) {
      finished.put(number, done);
      while (!finished.isEmpty() && finished.firstKey() == nextAcknowledged) {
        Done next = finished.pollFirstEntry().getValue();
        nextAcknowledged++;
        if (next.result() == null) {
          ackStopped = true;
          continue;
        }
        stats.add(next.result());
        if (ackStopped) {
          // Committed, but an earlier batch is not: its acknowledgement must not come before that one's.
          stats.unacknowledged.addAndGet(next.batch().stream().filter(r -> r.qos() > 0).count());
        } else {
          acknowledge(next.batch());
        }
        for (IngestListener l : listeners) {
          try {
            l.committed(next.result());
          } catch (RuntimeException e) {
            LOG.warn("ingest listener failed: {}", e.toString());
          }
        }
      }
    }
  }

  private List<Received> take() throws InterruptedException {
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

  private void acknowledge(List<Received> batch) {
    Link l = link.get();
    for (Received r : batch) {
      if (r.qos() == 0) {
        continue;
      }
      if (l == null || l.generation() != r.generation()) {
        stats.unacknowledged.incrementAndGet();  // its connection is gone: the broker redelivers it
        continue;
      }
      try {
        l.client().messageArrivedComplete(r.id(), r.qos());
        stats.acknowledged.incrementAndGet();
      } catch (MqttException e) {
        stats.unacknowledged.incrementAndGet();
        LOG.debug("ack of message {} failed: {}", r.id(), e.getMessage());
      }
    }
  }
}
