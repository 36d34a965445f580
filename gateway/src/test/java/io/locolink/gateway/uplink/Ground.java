package io.locolink.gateway.uplink;

import com.google.protobuf.InvalidProtocolBufferException;
import io.locolink.proto.v1.Alarm;
import io.locolink.proto.v1.EnergyRecord;
import io.locolink.proto.v1.Header;
import io.locolink.proto.v1.Status;
import io.locolink.proto.v1.TelemetryFrame;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** The ground side of a test: subscribes to everything a locomotive publishes and decodes headers. */
final class Ground implements AutoCloseable {

  record Received(String topic, Header header, byte[] payload, boolean retained) {
    String kind() {
      return topic.substring(topic.lastIndexOf('/') + 1);
    }
  }

  private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
  private final String url;
  private MqttClient client;
  private volatile CountDownLatch barrier;

  Ground(String url) throws MqttException {
    this.url = url;
    connect();
  }

  /** (Re)connects and subscribes; returns once the subscription is in place. */
  void connect() throws MqttException {
    if (client != null) {
      try {
        client.disconnectForcibly(0, 100);
      } catch (MqttException ignored) {
        // the broker went away
      }
      client.close(true);
    }
    client = new MqttClient(url, "ground-" + System.nanoTime(), new MemoryPersistence());
    client.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
      @Override
      public void connectionLost(Throwable cause) {}

      @Override
      public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage m) throws Exception {
        if (topic.equals("ground/barrier")) {
          barrier.countDown();
          return;
        }
        received.add(new Received(topic, header(topic, m.getPayload()), m.getPayload(), m.isRetained()));
      }

      @Override
      public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken t) {}
    });
    MqttConnectOptions o = new MqttConnectOptions();
    o.setCleanSession(true);
    o.setMaxInflight(1000);
    client.connect(o);
    client.subscribe(new String[] {"locolink/v1/#", "ground/barrier"}, new int[] {1, 1});
  }

  /** Returns once everything the broker received before this call has reached the ground. */
  void barrier() throws Exception {
    barrier = new CountDownLatch(1);
    client.publish("ground/barrier", new byte[] {1}, 1, false);
    if (!barrier.await(10, TimeUnit.SECONDS)) {
      throw new AssertionError("barrier message did not come back");
    }
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  static Header header(String topic, byte[] payload) throws InvalidProtocolBufferException {
    return switch (topic.substring(topic.lastIndexOf('/') + 1)) {
      case "telemetry" -> TelemetryFrame.parseFrom(payload).getHeader();
      case "energy" -> EnergyRecord.parseFrom(payload).getHeader();
      case "alarm" -> Alarm.parseFrom(payload).getHeader();
      case "status" -> Status.parseFrom(payload).getHeader();
      default -> Header.getDefaultInstance();
    };
  }

  @Override
  public void close() throws MqttException {
    try {
      client.disconnectForcibly(0, 100);
    } catch (MqttException ignored) {
      // gone already
    }
    client.close(true);
  }
}
