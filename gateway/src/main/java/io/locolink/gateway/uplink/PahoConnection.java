package io.locolink.gateway.uplink;

import io.locolink.gateway.journal.JournalRecord;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;

/**
 * One MQTT connection, a {@link Session}: a fresh Paho client with its own executor (shut down with
 * it, so no Paho thread outlives a failed or dropped connection, unless the executor is shared and
 * outlives every connection), the in-flight window, and the PUBACKs as answers. MQTT 3.1.1 has no
 * refusal: a broker that will not take a message drops the connection or acknowledges it silently.
 * Paho calls the listeners on its callback thread.
 */
final class PahoConnection extends PahoSession implements MqttCallback, IMqttActionListener {

  private final MqttAsyncClient client;

  /** @param ownExecutor true if the executor is this connection's alone and stops with it */
  PahoConnection(MqttAsyncClient client, ScheduledExecutorService executor, boolean ownExecutor, int inflightWindow,
      Runnable wake) {
    super(executor, ownExecutor, inflightWindow, wake);
    this.client = client;
    client.setCallback(this);
  }

  @Override
  public void publish(String topic, byte[] payload, int qos, boolean retained, JournalRecord record) {
    try {
      client.publish(topic, payload, qos, retained, record, this);
    } catch (MqttException e) {
      window.release();
      connectionLost(e);
    }
  }

  @Override
  public void publishUntracked(String topic, byte[] payload, int qos, boolean retained) {
    try {
      client.publish(topic, payload, qos, retained);
    } catch (MqttException e) {
      connectionLost(e);
    }
  }

  @Override
  public void onSuccess(IMqttToken token) {
    if (token.getUserContext() instanceof JournalRecord r) {
      queue(Answer.accepted(r));
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
    lost(cause);
  }

  @Override
  public void messageArrived(String topic, MqttMessage message) {
    // the gateway subscribes to nothing
  }

  @Override
  public void deliveryComplete(IMqttDeliveryToken token) {
    // handled per publish in onSuccess
  }

  @Override
  public void disconnect(long timeoutMs) {
    try {
      client.disconnect(timeoutMs).waitForCompletion(timeoutMs + 500);
    } catch (MqttException e) {
      // closing anyway
    }
  }

  @Override
  public void dispose() {
    PahoThreads.close(ownExecutor ? executor : null, () -> {
      if (client.isConnected()) {
        client.disconnectForcibly(0, 500, false);
      }
    }, () -> client.close(true));
  }
}
