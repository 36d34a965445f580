package io.locolink.ground.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;

/**
 * Each connection's subscription identifiers, and what they tell: a message stamped with an earlier
 * connection's identifiers was held by the broker, one with this connection's was published since it
 * subscribed, and one with none cannot be told apart.
 */
class SubscriptionIdsTest {

  private static final SubscriptionIds NOW = new SubscriptionIds(41, 42);

  private static MqttMessage stamped(Integer... ids) {
    MqttMessage m = new MqttMessage(new byte[] {1}, 1, false, null);
    MqttProperties p = new MqttProperties();
    p.setSubscriptionIdentifiers(List.of(ids));
    m.setProperties(p);
    return m;
  }

  @Test
  void aDrawnPairIsAnOddIdentifierAndTheNextWithinMqttsLimit() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 10_000; i++) {
      SubscriptionIds ids = SubscriptionIds.draw(random);
      assertEquals(1, ids.shared() % 2);
      assertEquals(ids.shared() + 1, ids.status());
      // MQTT 5.0, 3.8.2.1.2: a Variable Byte Integer from 1 to 268,435,455.
      assertTrue(ids.shared() >= 1 && ids.status() <= 268_435_455, ids.toString());
    }
    assertThrows(IllegalArgumentException.class, () -> new SubscriptionIds(2, 3));
    assertThrows(IllegalArgumentException.class, () -> new SubscriptionIds(268_435_455, 268_435_456));
  }

  @Test
  void aMessageStampedWithAnEarlierConnectionsIdentifiersWasHeld() {
    assertTrue(MqttIngest.held(stamped(7), NOW), "an earlier connection's shared subscription");
    assertTrue(MqttIngest.held(stamped(1), NOW), "the fixed identifier stations used before");
    assertTrue(MqttIngest.held(stamped(7, 8), NOW), "both of an earlier connection's subscriptions");
    assertFalse(MqttIngest.held(stamped(41), NOW), "this connection's shared subscription");
    assertFalse(MqttIngest.held(stamped(42), NOW), "this connection's status subscription");
    assertFalse(MqttIngest.held(stamped(8, 41), NOW), "through this connection's too");
    assertFalse(MqttIngest.held(stamped(), NOW), "no identifiers: cannot tell");
  }

  @Test
  void aStatusCopyIsToldByTheParityOfItsIdentifiersWhicheverConnectionTheyAreFrom() {
    MqttMessage liveThroughStatus = stamped(8);
    assertTrue(MqttIngest.statusCopy("locolink/v1/KZ-1/status", liveThroughStatus));
    assertFalse(MqttIngest.statusCopy("locolink/v1/KZ-1/status", stamped(7)), "through the shared one: stored");
    assertFalse(MqttIngest.statusCopy("locolink/v1/KZ-1/status", stamped(41, 42)), "through both at once");
  }
}
