package io.locolink.gateway.uplink;

import io.locolink.gateway.journal.JournalRecord;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT 5 connection, a {@link Session}: like {@link PahoConnection}, plus refusals: a PUBACK
 * whose reason code is 0x80 or above (not authorised, packet too large, quota exceeded...) answers
 * the record as refused with that code, and so does a publish the client itself will not send
 * while the connection stays up (a message over the broker's maximum packet size).
 */
final class Paho5Connection extends PahoSession implements MqttCallback, MqttActionListener {

  private static final Logger LOG = LoggerFactory.getLogger(Paho5Connection.class);

  private final MqttAsyncClient client;

  /** @param ownExecutor true if the executor is this connection's alone and stops with it */
  Paho5Connection(MqttAsyncClient client, ScheduledExecutorService executor, boolean ownExecutor, int inflightWindow,
      Runnable wake) {
    super(executor, ownExecutor, inflightWindow, wake);
    this.client = client;
    client.setCallback(this);
  }

  /** Narrows the window to what the broker said it will take at once (CONNACK Receive Maximum). */
  void limitWindow(int brokerReceiveMaximum, int configured) {
    int excess = configured - Math.min(configured, brokerReceiveMaximum);
    if (excess > 0) {
      window.acquireUninterruptibly(excess);
    }
  }

  @Override
  public void publish(String topic, byte[] payload, int qos, boolean retained, JournalRecord record) {
    try {
      client.publish(topic, payload, qos, retained, record, this);
    } catch (MqttException e) {
      window.release();
      if (client.isConnected()) {
        queue(Answer.refused(record, describe(e)));
        wake.run();
      } else {
        lost(e);
      }
    }
  }

  @Override
  public void publishUntracked(String topic, byte[] payload, int qos, boolean retained) {
    try {
      client.publish(topic, payload, qos, retained);
    } catch (MqttException e) {
      if (!client.isConnected()) {
        lost(e);
      } else {
        LOG.warn("uplink: the status was not sent: {}", describe(e));
      }
    }
  }

  @Override
  public void onSuccess(IMqttToken token) {
    if (token.getUserContext() instanceof JournalRecord r) {
      int refusal = refusal(token.getReasonCodes());
      if (refusal < 0) {
        queue(Answer.accepted(r));
      } else {
        queue(Answer.refused(r, reason(refusal, token.getResponseProperties())));
      }
    }
    window.release();
    wake.run();
  }

  @Override
  public void onFailure(IMqttToken token, Throwable exception) {
    window.release();
    if (token.getUserContext() instanceof JournalRecord r && client.isConnected()) {
      int refusal = refusal(token.getReasonCodes());
      queue(Answer.refused(r, refusal >= 0 ? reason(refusal, token.getResponseProperties())
          : describe(exception)));
      wake.run();
    } else {
      lost(exception);
    }
  }

  /** The first reason code that means failure (0x80 and above), or -1. */
  private static int refusal(int[] codes) {
    if (codes != null) {
      for (int c : codes) {
        if (c >= 0x80) {
          return c;
        }
      }
    }
    return -1;
  }

  private static String reason(int code, MqttProperties props) {
    String name = switch (code) {
      case 0x80 -> "unspecified error";
      case 0x83 -> "implementation specific error";
      case 0x87 -> "not authorised";
      case 0x90 -> "topic name invalid";
      case 0x91 -> "packet identifier in use";
      case 0x95 -> "packet too large";
      case 0x97 -> "quota exceeded";
      case 0x99 -> "payload format invalid";
      default -> "reason code";
    };
    String text = props == null ? null : props.getReasonString();
    return String.format("the broker answered 0x%02X (%s)%s", code, name, text == null ? "" : ": " + text);
  }

  private static String describe(Throwable e) {
    return ConnectFailure.describe(e);
  }

  @Override
  public void disconnected(MqttDisconnectResponse response) {
    lost(response.getException() != null ? response.getException()
        : new IllegalStateException("the broker disconnected: reason code " + response.getReturnCode()
            + (response.getReasonString() == null ? "" : " (" + response.getReasonString() + ")")));
  }

  @Override
  public void mqttErrorOccurred(MqttException exception) {
    lost(exception);
  }

  @Override
  public void messageArrived(String topic, MqttMessage message) {
    // the gateway subscribes to nothing
  }

  @Override
  public void deliveryComplete(IMqttToken token) {
    // handled per publish in onSuccess
  }

  @Override
  public void connectComplete(boolean reconnect, String serverUri) {
    // the connect token says it
  }

  @Override
  public void authPacketArrived(int reasonCode, MqttProperties properties) {
    // no enhanced authentication
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
