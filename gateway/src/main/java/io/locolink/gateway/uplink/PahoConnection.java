package io.locolink.gateway.uplink;

import io.locolink.gateway.journal.Journal;
import io.locolink.gateway.journal.JournalRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT connection: a fresh Paho client with its own executor (shut down with it, so no Paho
 * thread outlives a failed or dropped connection), the in-flight window, and the acknowledgement
 * path into the journal. Paho calls the listeners on its callback thread.
 */
final class PahoConnection implements MqttCallback, IMqttActionListener {

  private static final Logger LOG = LoggerFactory.getLogger(PahoConnection.class);

  private final MqttAsyncClient client;
  private final ScheduledExecutorService executor;
  private final Journal journal;
  private final Semaphore window;
  private final Runnable wake;
  private final ConcurrentLinkedQueue<JournalRecord> acks = new ConcurrentLinkedQueue<>();
  private volatile Throwable lostCause;

  PahoConnection(MqttAsyncClient client, ScheduledExecutorService executor, Journal journal, int inflightWindow,
      Runnable wake) {
    this.client = client;
    this.executor = executor;
    this.journal = journal;
    this.window = new Semaphore(inflightWindow);
    this.wake = wake;
    client.setCallback(this);
  }

  /** Takes a window slot if one is free. */
  boolean tryReserveSlot() {
    return window.tryAcquire();
  }

  /** True if a slot is free now. */
  boolean hasFreeSlot() {
    return window.availablePermits() > 0;
  }

  /** Gives back a slot taken by {@link #tryReserveSlot()} that was not used. */
  void releaseSlot() {
    window.release();
  }

  /** Publishes a journal record in a reserved slot; the slot is freed and the record acknowledged on PUBACK. */
  void publish(String topic, byte[] payload, int qos, boolean retained, JournalRecord record) {
    try {
      client.publish(topic, payload, qos, retained, record, this);
    } catch (MqttException e) {
      window.release();
      connectionLost(e);
    }
  }

  /** Publishes outside the window, without journal bookkeeping (the retained status). */
  void publishUntracked(String topic, byte[] payload, int qos, boolean retained) {
    try {
      client.publish(topic, payload, qos, retained);
    } catch (MqttException e) {
      connectionLost(e);
    }
  }

  /** True if acknowledged records wait for {@link #applyAcks()}. */
  boolean hasPendingAcks() {
    return !acks.isEmpty();
  }

  /** Removes the records the broker acknowledged so far from the journal (one lock for all). */
  void applyAcks() {
    if (acks.isEmpty()) {
      return;
    }
    List<JournalRecord> batch = new ArrayList<>();
    for (JournalRecord r; (r = acks.poll()) != null; ) {
      batch.add(r);
    }
    journal.acknowledgeAll(batch);
  }

  /** Why the connection dropped, or null while it is up. */
  Throwable lostCause() {
    return lostCause;
  }

  @Override
  public void onSuccess(IMqttToken token) {
    if (token.getUserContext() instanceof JournalRecord r) {
      acks.add(r);
    }
    window.release();
    wake.run();
  }

  @Override
  public void onFailure(IMqttToken token, Throwable exception) {
    window.release();
    connectionLost(exception);
  }

  @Override
  public void connectionLost(Throwable cause) {
    if (lostCause == null) {
      lostCause = cause == null ? new IllegalStateException("connection lost") : cause;
    }
    wake.run();
  }

  @Override
  public void messageArrived(String topic, MqttMessage message) {
    // the gateway subscribes to nothing
  }

  @Override
  public void deliveryComplete(IMqttDeliveryToken token) {
    // handled per publish in onSuccess
  }

  /** Sends DISCONNECT (the broker then drops the last will) and waits up to {@code timeoutMs}. */
  void disconnect(long timeoutMs) {
    try {
      client.disconnect(timeoutMs).waitForCompletion(timeoutMs + 500);
    } catch (MqttException e) {
      // closing anyway
    }
  }

  /** Closes the client and stops every thread it used, whatever state it is in. */
  void dispose() {
    try {
      if (client.isConnected()) {
        client.disconnectForcibly(0, 500, false);
      }
    } catch (MqttException e) {
      // closing anyway
    }
    try {
      client.close(true);
    } catch (MqttException e) {
      // closing anyway
    }
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
        LOG.warn("uplink: Paho threads of a closed connection did not stop within 2 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    applyAcks();
  }
}
