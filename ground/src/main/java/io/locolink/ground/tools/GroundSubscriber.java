package io.locolink.ground.tools;

import io.locolink.gateway.framing.StreamKind;
import io.locolink.gateway.framing.Topics;
import java.util.UUID;
import java.util.function.BiConsumer;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ground-side MQTT subscriber to every locomotive's topics ({@code locolink/v1/+/+}). Messages
 * are handed to the callback on Paho's callback thread with the topic's locomotive id and type.
 * Reconnects on its own after a broker outage (a ground tool may lean on Paho's reconnect: it keeps
 * no data of its own to lose).
 */
public final class GroundSubscriber implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GroundSubscriber.class);
  private static final String FILTER = Topics.ALL_LOCOMOTIVES;

  /** One received message. */
  public record Received(String locomotiveId, StreamKind type, byte[] payload, long receivedMillis) {}

  private final MqttClient client;

  private GroundSubscriber(MqttClient client) {
    this.client = client;
  }

  /**
   * Connects and subscribes; blocks until subscribed.
   *
   * @param brokerUrl {@code tcp://host:port} or {@code ssl://host:port}
   * @param tls socket factory for {@code ssl://} URLs, or null for the JDK default trust store
   * @param onMessage called for every LocoLink message (unknown topic suffixes are skipped)
   * @throws MqttException if the first connection fails
   */
  public static GroundSubscriber connect(String brokerUrl, SSLSocketFactory tls,
      java.util.function.Consumer<Received> onMessage) throws MqttException {
    return connect(brokerUrl, tls, null, null, onMessage);
  }

  /**
   * Connects with a log-in read from files ({@link MqttLogin}: TLS trust and client certificate,
   * user name and password) and subscribes; blocks until subscribed.
   *
   * @throws MqttException if the first connection fails (a refused log-in included)
   */
  public static GroundSubscriber connect(String brokerUrl, MqttLogin login,
      java.util.function.Consumer<Received> onMessage) throws MqttException {
    char[] password = login.password() == null ? null
        : new String(login.password(), java.nio.charset.StandardCharsets.UTF_8).toCharArray();
    return connect(brokerUrl, login.socketFactory(), login.username(), password, onMessage);
  }

  /**
   * Connects with a user name and password (either may be null: anonymous) and subscribes; blocks
   * until subscribed. The password array is not kept.
   *
   * @throws MqttException if the first connection fails
   */
  public static GroundSubscriber connect(String brokerUrl, SSLSocketFactory tls, String username, char[] password,
      java.util.function.Consumer<Received> onMessage) throws MqttException {
    MqttClient client = new MqttClient(brokerUrl, "locolink-ground-" + UUID.randomUUID(), new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    options.setAutomaticReconnect(true);
    options.setConnectionTimeout(10);
    options.setMaxInflight(1000);
    if (tls != null) {
      options.setSocketFactory(tls);
    }
    if (username != null) {
      options.setUserName(username);
    }
    if (password != null) {
      options.setPassword(password.clone());
    }
    BiConsumer<String, MqttMessage> route = (topic, message) -> {
      Topics.parse(topic).ifPresent(t -> onMessage.accept(
          new Received(t.locomotiveId(), t.kind(), message.getPayload(), System.currentTimeMillis())));
    };
    client.setCallback(new MqttCallbackExtended() {
      @Override
      public void connectComplete(boolean reconnect, String serverUri) {
        if (reconnect) {
          try {
            client.subscribe(FILTER, 1);
          } catch (MqttException e) {
            LOG.warn("re-subscribe after reconnect failed: {}", e.getMessage());
          }
        }
      }

      @Override
      public void connectionLost(Throwable cause) {
        LOG.info("ground subscriber lost the broker: {}", cause == null ? "closed" : cause.getMessage());
      }

      @Override
      public void messageArrived(String topic, MqttMessage message) {
        try {
          route.accept(topic, message);
        } catch (RuntimeException e) {
          LOG.warn("message on {} could not be handled: {}", topic, e.toString());
        }
      }

      @Override
      public void deliveryComplete(IMqttDeliveryToken token) {}
    });
    client.connect(options);
    client.subscribe(FILTER, 1);
    return new GroundSubscriber(client);
  }

  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        client.disconnect(1000);
      }
      client.close(true);
    } catch (MqttException e) {
      LOG.debug("closing ground subscriber: {}", e.getMessage());
    }
  }
}
