package io.locolink.simulator.fleet;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.ScheduledExecutorPingSender;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * One Paho client of the fleet, its loops on the shared virtual-thread scheduler, QoS 1,
 * in-memory persistence (nothing written to disk), no reconnect: what it loses shows on the
 * ground. {@link #send} may be called from any thread; counters may be read from any thread.
 */
final class PahoPublisher implements AutoCloseable {

  private static final int MAX_INFLIGHT = 100;
  private static final int QOS = 1;

  private final String brokerUrl;
  private final String clientId;
  private final ScheduledExecutorService executor;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private volatile MqttAsyncClient client;

  /** @param executor runs the client's loops (shared, not shut down here) */
  PahoPublisher(String brokerUrl, String clientId, ScheduledExecutorService executor) {
    this.brokerUrl = brokerUrl;
    this.clientId = clientId;
    this.executor = executor;
  }

  /**
   * Connects with a clean session. Blocks until connected.
   *
   * @throws FleetException if the connection fails
   */
  void connect() {
    try {
      MqttAsyncClient c = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence(),
          new ScheduledExecutorPingSender(executor), executor);
      c.setCallback(new MqttCallback() {
        @Override
        public void connectionLost(Throwable cause) {
          // counted as missing messages on the ground; fleet mode does not reconnect
        }

        @Override
        public void messageArrived(String t, MqttMessage message) {
          // publishers subscribe to nothing
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
          acknowledged.incrementAndGet();
        }
      });
      MqttConnectOptions options = new MqttConnectOptions();
      options.setCleanSession(true);
      options.setMaxInflight(MAX_INFLIGHT);
      options.setKeepAliveInterval(60);
      options.setConnectionTimeout(60);
      c.connect(options).waitForCompletion(120_000);
      client = c;
    } catch (MqttException e) {
      throw new FleetException("client " + clientId + " cannot connect to " + brokerUrl + ": " + e.getMessage(), e);
    }
  }

  /**
   * Hands one QoS 1 message to the client without waiting for the network; a message the client
   * will not take (not connected, too many in flight) is counted as refused.
   */
  void send(String topic, byte[] payload) {
    sent.incrementAndGet();
    MqttAsyncClient c = client;
    if (c == null) {
      refused.incrementAndGet();
      return;
    }
    try {
      c.publish(topic, payload, QOS, false);
    } catch (MqttException e) {
      refused.incrementAndGet();
    }
  }

  /** Messages handed to {@link #send}. */
  long sent() {
    return sent.get();
  }

  /** Messages the broker acknowledged (PUBACK). */
  long acknowledged() {
    return acknowledged.get();
  }

  /** Messages the client would not take. */
  long refused() {
    return refused.get();
  }

  /** Disconnects and releases the client. Blocks up to 5 s for the disconnect. */
  @Override
  public void close() {
    MqttAsyncClient c = client;
    if (c == null) {
      return;
    }
    try {
      if (c.isConnected()) {
        c.disconnect(0).waitForCompletion(5_000);
      }
    } catch (MqttException e) {
      // closing anyway
    }
    try {
      c.close(true);
    } catch (MqttException e) {
      // nothing left to release
    }
  }
}
