package io.locolink.simulator.fleet;

import com.google.protobuf.InvalidProtocolBufferException;
import io.locolink.proto.v1.TelemetryFrame;
import java.nio.ByteBuffer;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
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
 * The ground side of fleet mode: a group of subscribers sharing (MQTT shared subscription
 * {@code $share/locolink-ground/...}, QoS 1) every locomotive's telemetry and the plain baseline
 * topic, counting frames, gaps (per-sender sequence numbers) and latency (receive time minus the
 * end of the frame's span from its header, or the send time in a plain payload). Messages are
 * counted on Paho's callback threads; reports may be read from any thread.
 */
public final class GroundCounter implements AutoCloseable {

  /** Topic filter of every locomotive's telemetry. */
  public static final String TELEMETRY_FILTER = "locolink/v1/+/telemetry";
  /** Topic prefix of the plain Paho baseline publishers. */
  public static final String PLAIN_PREFIX = "locolink-bench/plain/";

  private final String brokerUrl;
  private final ScheduledExecutorService executor;
  private final InstantSource clock;
  private final StreamStats telemetry = new StreamStats();
  private final StreamStats plain = new StreamStats();
  private final AtomicLong undecodable = new AtomicLong();
  private static final String SHARE = "$share/locolink-ground/";

  private final int subscribers;
  private final List<MqttAsyncClient> clients = new ArrayList<>();

  /**
   * @param executor runs the clients' loops (not shut down here)
   * @param clock the receive clock; must be the senders' clock (same machine)
   * @param subscribers clients in the shared-subscription group (≥ 1)
   */
  public GroundCounter(String brokerUrl, ScheduledExecutorService executor, InstantSource clock, int subscribers) {
    if (subscribers < 1) {
      throw new IllegalArgumentException("subscribers must be >= 1");
    }
    this.subscribers = subscribers;
    this.brokerUrl = brokerUrl;
    this.executor = executor;
    this.clock = clock;
  }

  /**
   * Connects and subscribes. Blocks until subscribed.
   *
   * @throws FleetException if the broker cannot be reached
   */
  public void start() {
    for (int i = 0; i < subscribers; i++) {
      clients.add(subscribe("locolink-ground-counter-" + i));
    }
  }

  private MqttAsyncClient subscribe(String clientId) {
    try {
      MqttAsyncClient client = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence(),
          new ScheduledExecutorPingSender(executor), executor);
      client.setCallback(new MqttCallback() {
        @Override
        public void connectionLost(Throwable cause) {
          // the report will show the missing frames
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
          count(topic, message.getPayload());
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
          // the counter publishes nothing
        }
      });
      MqttConnectOptions options = new MqttConnectOptions();
      options.setCleanSession(true);
      options.setKeepAliveInterval(60);
      client.connect(options).waitForCompletion(30_000);
      client.subscribe(new String[] {SHARE + TELEMETRY_FILTER, SHARE + PLAIN_PREFIX + "+"}, new int[] {1, 1})
          .waitForCompletion(30_000);
      return client;
    } catch (MqttException e) {
      throw new FleetException("ground counter cannot subscribe at " + brokerUrl + ": " + e.getMessage(), e);
    }
  }

  private void count(String topic, byte[] payload) {
    long now = clock.millis();
    if (topic.startsWith(PLAIN_PREFIX)) {
      if (payload.length < 16) {
        undecodable.incrementAndGet();
        return;
      }
      ByteBuffer b = ByteBuffer.wrap(payload);
      long sequence = b.getLong();
      long sentMs = b.getLong();
      plain.record(topic.substring(PLAIN_PREFIX.length()), sequence, now - sentMs);
      return;
    }
    try {
      TelemetryFrame f = TelemetryFrame.parseFrom(payload);
      telemetry.record(f.getHeader().getLocomotiveId(), f.getHeader().getSequence(),
          now - (f.getHeader().getTimeUnixMs() + f.getSpanMs()));
    } catch (InvalidProtocolBufferException e) {
      undecodable.incrementAndGet();
    }
  }

  /** Counts of the locomotives' telemetry so far. */
  public StreamReport telemetry() {
    return telemetry.report();
  }

  /** Counts of the plain baseline so far. */
  public StreamReport plain() {
    return plain.report();
  }

  /** Messages that could not be decoded. */
  public long undecodable() {
    return undecodable.get();
  }

  @Override
  public void close() {
    for (MqttAsyncClient client : clients) {
      try {
        client.disconnect(0).waitForCompletion(5_000);
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
}
