package io.locolink.simulator.fleet;

import io.locolink.gateway.framing.DecodedFrame;
import io.locolink.gateway.framing.HeaderFields;
import io.locolink.gateway.framing.Headers;
import io.locolink.gateway.framing.MalformedMessageException;
import io.locolink.gateway.framing.TelemetryFrameDecoder;
import io.locolink.gateway.framing.StreamKind;
import io.locolink.gateway.framing.Topics;
import java.nio.ByteBuffer;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Predicate;
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
 * {@code $share/locolink-fleet-RUN/...}, QoS 1) every locomotive's streams and the plain baseline
 * topic. It counts messages per stream, gaps and duplicates by sequence number per (locomotive,
 * boot) across all of a locomotive's streams (they share one sequence), and latency of telemetry
 * frames (receive time minus the time of the frame's last sample, from its header and offsets) and
 * of plain messages (minus their send time). Telemetry frames are decoded with the gateway's
 * {@link TelemetryFrameDecoder}. Messages are counted on Paho's callback threads; reports may be
 * read from any thread.
 */
public final class GroundCounter implements AutoCloseable {

  /** Topic filter of every locomotive's streams. */
  public static final String LOCOMOTIVE_FILTER = Topics.ALL_LOCOMOTIVES;
  /** Topic prefix of the plain Paho baseline publishers. */
  public static final String PLAIN_PREFIX = "locolink-bench/plain/";

  private final String brokerUrl;
  private final ScheduledExecutorService executor;
  private final InstantSource clock;
  private final int subscribers;
  private final Predicate<String> counted;
  private final String run;
  private final StreamStats locomotives = new StreamStats();
  private final StreamStats plain = new StreamStats();
  private final AtomicLongArray received = new AtomicLongArray(StreamKind.values().length);
  private final AtomicLong undecodable = new AtomicLong();
  private final List<MqttAsyncClient> clients = new ArrayList<>();
  /** Messages sampled or sent before this (UTC ms) are counted but not timed. */
  private volatile long timedFromMs = Long.MIN_VALUE;

  /**
   * A counter of some senders only: the messages of any other locomotive or plain publisher on the
   * broker (a demo, a real fleet, another run) are left out of every count.
   *
   * @param executor runs the clients' loops (not shut down here)
   * @param clock the receive clock; must be the senders' clock (same machine)
   * @param subscribers clients in the shared-subscription group (≥ 1)
   * @param counted whether a locomotive or plain publisher id is one of those counted
   * @param run the run's tag ({@link RunIds}): the group is {@code locolink-fleet-RUN} and the
   *     clients {@code locolink-ground-counter-RUN-N}, so two runs' counters neither share messages
   *     nor take each other's client ids
   */
  public GroundCounter(String brokerUrl, ScheduledExecutorService executor, InstantSource clock, int subscribers,
      Predicate<String> counted, String run) {
    if (subscribers < 1) {
      throw new IllegalArgumentException("subscribers must be >= 1");
    }
    this.run = RunIds.require(run);
    this.subscribers = subscribers;
    this.counted = counted;
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
      clients.add(subscribe("locolink-ground-counter-" + run + "-" + i));
    }
  }

  private MqttAsyncClient subscribe(String clientId) {
    try {
      MqttAsyncClient client = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence(),
          new ScheduledExecutorPingSender(executor), executor);
      client.setCallback(new MqttCallback() {
        @Override
        public void connectionLost(Throwable cause) {
          // the report will show the missing messages
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
      String share = "$share/locolink-fleet-" + run + "/";
      client.subscribe(new String[] {share + LOCOMOTIVE_FILTER, share + PLAIN_PREFIX + "+"}, new int[] {1, 1})
          .waitForCompletion(30_000);
      return client;
    } catch (MqttException e) {
      throw new FleetException("ground counter cannot subscribe at " + brokerUrl + ": " + e.getMessage(), e);
    }
  }

  /**
   * Times only messages sampled (telemetry) or sent (plain) at or after {@code utcMs}; earlier ones
   * are still counted for gaps and completeness.
   */
  public void timeFrom(long utcMs) {
    timedFromMs = utcMs;
  }

  private void count(String topic, byte[] payload) {
    long now = clock.millis();
    if (topic.startsWith(PLAIN_PREFIX)) {
      if (!counted.test(topic.substring(PLAIN_PREFIX.length()))) {
        return;
      }
      if (payload.length < 16) {
        undecodable.incrementAndGet();
        return;
      }
      ByteBuffer b = ByteBuffer.wrap(payload);
      long sequence = b.getLong();
      long sentMs = b.getLong();
      if (sentMs >= timedFromMs) {
        plain.record(topic.substring(PLAIN_PREFIX.length()), sequence, now - sentMs);
      } else {
        plain.record(topic.substring(PLAIN_PREFIX.length()), sequence);
      }
      return;
    }
    Optional<Topics.Parsed> parsed = Topics.parse(topic);
    if (parsed.isPresent() && !counted.test(parsed.get().locomotiveId())) {
      return;
    }
    StreamKind kind = parsed.map(Topics.Parsed::kind).orElse(StreamKind.STATUS);
    try {
      switch (kind) {
        case TELEMETRY -> {
          DecodedFrame f = TelemetryFrameDecoder.decode(payload);
          long lastSampleMs = f.sampleOffsetMs().length == 0 ? 0 : f.sampleOffsetMs()[f.sampleOffsetMs().length - 1];
          long sampledMs = f.timeUnixMs() + lastSampleMs;
          if (sampledMs >= timedFromMs) {
            locomotives.record(sender(f.locomotiveId(), f.bootId()), f.sequence(), now - sampledMs);
          } else {
            locomotives.record(sender(f.locomotiveId(), f.bootId()), f.sequence());
          }
          received.incrementAndGet(StreamKind.TELEMETRY.ordinal());
        }
        case ENERGY, ALARM -> untimed(kind, Headers.read(kind, payload));
        case STATUS -> received.incrementAndGet(StreamKind.STATUS.ordinal());  // the retained status, not sequenced
        default -> undecodable.incrementAndGet();
      }
    } catch (MalformedMessageException e) {
      undecodable.incrementAndGet();
    }
  }

  private void untimed(StreamKind kind, HeaderFields header) {
    locomotives.record(sender(header.locomotiveId(), header.bootId()), header.sequence());
    received.incrementAndGet(kind.ordinal());
  }

  private static String sender(String locomotiveId, long bootId) {
    return locomotiveId + "#" + bootId;
  }

  /**
   * Counts of the locomotives' messages so far, every stream together: senders are (locomotive,
   * boot) pairs, gaps are by their shared sequence, latency is the telemetry frames'.
   */
  public StreamReport locomotives() {
    return locomotives.report();
  }

  /** Messages received on one of the locomotives' streams so far (duplicates included). */
  public long received(StreamKind kind) {
    return received.get(kind.ordinal());
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
