package io.locolink.simulator.fleet;

import io.locolink.simulator.physics.LocomotiveState;
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
 * A {@link LocomotivePublisher} on one Paho client per locomotive, its loops on the shared
 * virtual-thread scheduler, QoS 1, in-memory persistence (nothing written to disk). The payload
 * comes from a {@link PayloadEncoder}: a telemetry frame, or a plain payload for the baseline.
 */
final class PahoPublisher implements LocomotivePublisher {

  private static final int MAX_INFLIGHT = 100;
  private static final int QOS = 1;

  private final String brokerUrl;
  private final String clientId;
  private final String topic;
  private final PayloadEncoder encoder;
  private final ScheduledExecutorService executor;
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private MqttAsyncClient client;
  private long sequence;

  /** Builds the payload of each message. */
  @FunctionalInterface
  interface PayloadEncoder {
    /** @param sequence per-publisher sequence number, from 1 */
    byte[] encode(long sequence, LocomotiveState state);
  }

  PahoPublisher(String brokerUrl, String clientId, String topic, PayloadEncoder encoder,
      ScheduledExecutorService executor) {
    this.brokerUrl = brokerUrl;
    this.clientId = clientId;
    this.topic = topic;
    this.encoder = encoder;
    this.executor = executor;
  }

  @Override
  public void connect() {
    try {
      client = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence(),
          new ScheduledExecutorPingSender(executor), executor);
      client.setCallback(new MqttCallback() {
        @Override
        public void connectionLost(Throwable cause) {
          // counted as missing frames on the ground; fleet mode does not reconnect
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
      client.connect(options).waitForCompletion(120_000);
    } catch (MqttException e) {
      throw new FleetException("client " + clientId + " cannot connect to " + brokerUrl + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void publish(LocomotiveState state) {
    sequence++;
    try {
      client.publish(topic, encoder.encode(sequence, state), QOS, false);
    } catch (MqttException e) {
      refused.incrementAndGet();
    }
  }

  @Override
  public long acknowledged() {
    return acknowledged.get();
  }

  @Override
  public long refused() {
    return refused.get();
  }

  /** Messages handed to publish so far. */
  long published() {
    return sequence;
  }

  @Override
  public void close() {
    if (client == null) {
      return;
    }
    try {
      if (client.isConnected()) {
        client.disconnect(0).waitForCompletion(5_000);
      }
    } catch (MqttException e) {
      // closing anyway
    }
    try {
      client.close(true);
    } catch (MqttException e) {
      // nothing left to release
    }
  }
}
