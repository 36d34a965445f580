package io.locolink.gateway.uplink;

import io.locolink.gateway.config.MqttConfig;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.TimerPingSender;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * The MQTT 5 {@link Transport} ({@code uplink.transport: mqtt5}): as {@link PahoConnector}, with
 * Paho's mqttv5 client, so the broker can say why it refuses a message (PUBACK reason codes) and
 * the window follows the broker's Receive Maximum. Clean start, no session kept.
 */
final class Paho5Connector implements Transport {

  private final MqttConfig cfg;
  private final String clientId;
  private final String statusTopic;
  private final ConnectAttempts attempts;
  private final ScheduledExecutorService shared;
  private final AtomicInteger connections = new AtomicInteger();

  /**
   * @param shared runs the Paho loops of every connection and is not shut down here; null for a
   *     fresh executor per connection
   * @throws io.locolink.gateway.config.ConfigException if a TLS or secret file is unusable
   */
  Paho5Connector(MqttConfig cfg, String clientId, String statusTopic, ScheduledExecutorService shared) {
    this.cfg = cfg;
    this.clientId = clientId;
    this.statusTopic = statusTopic;
    this.shared = shared;
    this.attempts = new ConnectAttempts(cfg);
  }

  @Override
  public String target() {
    return cfg.url() + " (MQTT 5)";
  }

  @Override
  public Paho5Connection open(byte[] willPayload, Runnable wake) throws ConnectFailure {
    ScheduledExecutorService executor = shared != null ? shared
        : PahoThreads.forConnection(connections.incrementAndGet());
    MqttAsyncClient client;
    try {
      client = new MqttAsyncClient(cfg.url(), clientId, new MemoryPersistence(), new TimerPingSender(executor),
          executor);
    } catch (MqttException e) {
      PahoThreads.close(shared == null ? executor : null);
      throw ConnectFailure.classify(e.getReasonCode(), e, cfg);
    }
    Paho5Connection conn = new Paho5Connection(client, executor, shared == null, cfg.inflightWindow(), wake);
    SocketFactory sockets = attempts.begin();
    try {
      if (attempts.aborted()) {
        conn.dispose();
        throw ConnectFailure.aborted(cfg.url());
      }
      IMqttToken token = client.connect(options(willPayload, sockets));
      token.waitForCompletion(maxOpenMs());
      Integer receiveMaximum = token.getResponseProperties() == null ? null
          : token.getResponseProperties().getReceiveMaximum();
      if (receiveMaximum != null) {
        conn.limitWindow(receiveMaximum, cfg.inflightWindow());
      }
      return conn;
    } catch (MqttException e) {
      conn.dispose();
      if (attempts.aborted()) {
        throw ConnectFailure.aborted(cfg.url());
      }
      throw ConnectFailure.classify(e.getReasonCode(), e, cfg);
    } finally {
      attempts.end();
    }
  }

  @Override
  public long maxOpenMs() {
    return (cfg.connectTimeoutS() + 5) * 1000L;
  }

  @Override
  public void abort() {
    attempts.abort();
  }

  private MqttConnectionOptions options(byte[] willPayload, SocketFactory sockets) {
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    o.setAutomaticReconnect(false);
    o.setKeepAliveInterval(cfg.keepAliveS());
    o.setConnectionTimeout(cfg.connectTimeoutS());
    MqttMessage will = new MqttMessage(willPayload, 1, true, null);
    o.setWill(statusTopic, will);
    o.setSocketFactory(sockets);
    if (attempts.tls()) {
      o.setHttpsHostnameVerificationEnabled(true);
    }
    if (attempts.username() != null) {
      o.setUserName(attempts.username());
    }
    if (attempts.passwordUtf8() != null) {
      o.setPassword(attempts.passwordUtf8());
    }
    return o;
  }
}
