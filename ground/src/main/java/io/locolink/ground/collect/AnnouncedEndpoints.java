package io.locolink.ground.collect;

import io.locolink.gateway.framing.StreamKind;
import io.locolink.gateway.framing.Topics;
import io.locolink.proto.v1.DepotServerState;
import io.locolink.proto.v1.LinkState;
import io.locolink.proto.v1.Status;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
 * The depot endpoints the fleet announces: subscribes to every locomotive's retained status and
 * keeps, per locomotive, the endpoint of a gateway that is online and whose depot server serves.
 * An offline status (the last will) or a depot that stopped serving removes it. Also fed directly
 * by {@link #accept} (tests, other status sources). Thread-safe.
 */
public final class AnnouncedEndpoints implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AnnouncedEndpoints.class);

  private final Map<String, DepotEndpoint> endpoints = new ConcurrentHashMap<>();
  private MqttClient client;
  private Thread connector;

  /** The endpoints now announced, by locomotive. */
  public Map<String, DepotEndpoint> current() {
    return Map.copyOf(endpoints);
  }

  /** Folds one status message of {@code locomotive} in. */
  public void accept(String locomotive, Status status) {
    if (status.getLink() == LinkState.LINK_ONLINE && status.getDepotState() == DepotServerState.DEPOT_SERVING
        && !status.getDepotAddress().isEmpty() && status.getDepotPort() > 0) {
      DepotEndpoint e = new DepotEndpoint(locomotive, status.getDepotAddress(), status.getDepotPort(),
          status.getDepotIdentitiesList());
      if (!e.equals(endpoints.put(locomotive, e))) {
        LOG.info("{}: depot endpoint announced at {}", locomotive, e.uri());
      }
    } else if (endpoints.remove(locomotive) != null) {
      LOG.info("{}: depot endpoint withdrawn ({}, {})", locomotive, status.getLink(), status.getDepotState());
    }
  }

  /**
   * Subscribes to {@code locolink/v1/+/status} on {@code brokerUrl} (retained messages arrive at
   * once) from a background thread that tries every 5 s until the first connection is made; Paho
   * reconnects by itself after that. Non-blocking.
   *
   * @throws MqttException if the client cannot be created (a malformed URL)
   */
  public void subscribe(String brokerUrl, String clientId, MqttConnectOptions options) throws MqttException {
    client = new MqttClient(brokerUrl, clientId, new MemoryPersistence());
    String filter = Topics.ROOT + "+/" + StreamKind.STATUS.topicSuffix();
    client.setCallback(callback(filter));
    options.setAutomaticReconnect(true);
    connector = Thread.ofPlatform().name("depot-endpoints").daemon().start(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        try {
          client.connect(options);
          client.subscribe(filter, 1);
          return;
        } catch (MqttException e) {
          LOG.warn("status subscription: cannot connect to {} ({}); retrying in 5 s", brokerUrl, e.getMessage());
          try {
            Thread.sleep(5000);
          } catch (InterruptedException ie) {
            return;
          }
        }
      }
    });
  }

  private MqttCallbackExtended callback(String filter) {
    return new MqttCallbackExtended() {
      @Override
      public void connectComplete(boolean reconnect, String serverUri) {
        if (!reconnect) {
          return;
        }
        try {
          client.subscribe(filter, 1);
        } catch (MqttException e) {
          LOG.warn("cannot subscribe to {}: {}", filter, e.getMessage());
        }
      }

      @Override
      public void connectionLost(Throwable cause) {
        LOG.warn("status subscription lost: {}", cause.getMessage());
      }

      @Override
      public void messageArrived(String topic, MqttMessage message) {
        Optional<Topics.Parsed> parsed = Topics.parse(topic);
        if (parsed.isEmpty()) {
          return;
        }
        try {
          accept(parsed.get().locomotiveId(), Status.parseFrom(message.getPayload()));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
          LOG.warn("{}: status is not a Status message", parsed.get().locomotiveId());
        }
      }

      @Override
      public void deliveryComplete(IMqttDeliveryToken token) {
        // subscribe only
      }
    };
  }

  @Override
  public void close() {
    if (connector != null) {
      connector.interrupt();
    }
    if (client != null) {
      try {
        client.disconnect();
      } catch (MqttException e) {
        LOG.debug("status subscription disconnect: {}", e.getMessage());
      }
      try {
        client.close();
      } catch (MqttException e) {
        LOG.debug("status subscription close: {}", e.getMessage());
      }
    }
  }
}
