package io.locolink.gateway.uplink;

import io.locolink.gateway.config.MqttConfig;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.SocketFactory;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.ScheduledExecutorPingSender;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The MQTT {@link Transport}: opens one Paho connection at a time with the configured TLS material
 * and credentials (read once, at construction; never logged; see {@link ConnectAttempts}). Each
 * connection gets its own executor unless a shared one is given (many uplinks in one process, as
 * in fleet mode).
 * {@link #open} is called by the link thread only; {@link #abort()} by any thread.
 */
final class PahoConnector implements Transport {

  private final MqttConfig cfg;
  private final String clientId;
  private final String statusTopic;
  private final ConnectAttempts attempts;
  private final ScheduledExecutorService shared;
  private final AtomicInteger connections = new AtomicInteger();

  /**
   * @param shared runs the Paho loops of every connection, outlives them and is not shut down
   *     here; null for a fresh executor per connection
   * @throws io.locolink.gateway.config.ConfigException if a TLS or secret file is unusable
   */
  PahoConnector(MqttConfig cfg, String clientId, String statusTopic, ScheduledExecutorService shared) {
    this.cfg = cfg;
    this.shared = shared;
    this.clientId = clientId;
    this.statusTopic = statusTopic;
    this.attempts = new ConnectAttempts(cfg);
  }

  @Override
  public String target() {
    return cfg.url();
  }

  /**
   * Connects a fresh client; blocks until connected or failed (at most the connect timeout + 5 s).
   *
   * @param willPayload the encoded offline Status, left retained by the broker if the link dies
   * @throws ConnectFailure with the fault classified and every thread of the attempt stopped
   */
  @Override
  public PahoConnection open(byte[] willPayload, Runnable wake) throws ConnectFailure {
    ScheduledExecutorService executor = shared != null ? shared
        : PahoThreads.forConnection(connections.incrementAndGet());
    MqttAsyncClient client;
    try {
      client = new MqttAsyncClient(cfg.url(), clientId, new MemoryPersistence(),
          new ScheduledExecutorPingSender(executor), executor);
    } catch (MqttException e) {
      PahoThreads.close(shared == null ? executor : null);
      throw ConnectFailure.classify(e, cfg);
    }
    PahoConnection conn = new PahoConnection(client, executor, shared == null, cfg.inflightWindow(), wake);
    SocketFactory sockets = attempts.begin();
    try {
      if (attempts.aborted()) {
        conn.dispose();
        throw ConnectFailure.aborted(cfg.url());
      }
      client.connect(options(willPayload, sockets)).waitForCompletion(maxOpenMs());
      return conn;
    } catch (MqttException e) {
      conn.dispose();
      if (attempts.aborted()) {
        throw ConnectFailure.aborted(cfg.url());
      }
      throw ConnectFailure.classify(e, cfg);
    } finally {
      attempts.end();
    }
  }

  /** The longest {@link #open} blocks, milliseconds: the connect timeout + 5 s. */
  @Override
  public long maxOpenMs() {
    return (cfg.connectTimeoutS() + 5) * 1000L;
  }

  /**
   * Makes a connect in progress fail now (its socket is closed under it) and every later one fail
   * at once. A connection already established is left alone, so the caller can still publish its
   * offline status and disconnect cleanly (if the connect completes just as this runs, the socket
   * is closed and the broker publishes the offline last will instead). Any thread.
   */
  @Override
  public void abort() {
    attempts.abort();
  }

  private MqttConnectOptions options(byte[] willPayload, SocketFactory sockets) {
    MqttConnectOptions o = new MqttConnectOptions();
    o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    o.setCleanSession(true);
    o.setAutomaticReconnect(false);
    o.setMaxInflight(cfg.inflightWindow() + 8);
    o.setKeepAliveInterval(cfg.keepAliveS());
    o.setConnectionTimeout(cfg.connectTimeoutS());
    o.setWill(statusTopic, willPayload, 1, true);
    o.setSocketFactory(sockets);
    if (attempts.tls()) {
      o.setHttpsHostnameVerificationEnabled(true);
    }
    if (attempts.username() != null) {
      o.setUserName(attempts.username());
    }
    if (attempts.passwordChars() != null) {
      o.setPassword(attempts.passwordChars());
    }
    return o;
  }
}
