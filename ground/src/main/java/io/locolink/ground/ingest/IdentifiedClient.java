package io.locolink.ground.ingest;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * Paho's blocking MQTT v5 client with subscriptions that carry a subscription identifier (MQTT 5.0,
 * 3.8.2.1.2): the broker names, in each message it sends, the identifiers of the subscriptions the
 * message came through, so a client subscribed to overlapping filters can tell its copies apart. Paho's
 * blocking client does not offer that; its asynchronous one does, without taking over the callback.
 */
final class IdentifiedClient extends MqttClient {

  IdentifiedClient(String brokerUrl, String clientId) throws MqttException {
    super(brokerUrl, clientId, new MemoryPersistence());
  }

  /**
   * Subscribes with subscription identifier {@code id}; blocks until the broker answered.
   *
   * @throws MqttException if the broker refused the subscription
   */
  void subscribe(MqttSubscription subscription, int id) throws MqttException {
    MqttProperties properties = new MqttProperties();
    properties.setSubscriptionIdentifier(id);
    IMqttToken token = aClient.subscribe(new MqttSubscription[] {subscription}, null, null, properties);
    token.waitForCompletion(getTimeToWait());
    int[] codes = token.getReasonCodes();
    if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
      throw new MqttException(codes[0]);
    }
  }
}
