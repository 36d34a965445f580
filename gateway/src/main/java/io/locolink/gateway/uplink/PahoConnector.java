package io.locolink.gateway.uplink;

import io.locolink.gateway.config.MqttConfig;
import io.locolink.gateway.journal.Journal;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.ScheduledExecutorPingSender;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Opens one MQTT connection with the configured TLS material and credentials (read once, at
 * construction; never logged). Used by the link thread only.
 */
final class PahoConnector {

  private final MqttConfig cfg;
  private final String clientId;
  private final String statusTopic;
  private final SSLSocketFactory tls;
  private final String username;
  private final char[] password;
  private final AtomicInteger connections = new AtomicInteger();

  /** @throws io.locolink.gateway.config.ConfigException if a TLS or secret file is unusable */
  PahoConnector(MqttConfig cfg, String clientId, String statusTopic) {
    this.cfg = cfg;
    this.clientId = clientId;
    this.statusTopic = statusTopic;
    this.tls = cfg.tls() ? TlsSocketFactories.create(cfg) : null;
    this.username = cfg.usernameFile() == null ? null : SecretFile.readText("usernameFile", cfg.usernameFile());
    this.password = cfg.passwordFile() == null ? null
        : SecretFile.readText("passwordFile", cfg.passwordFile()).toCharArray();
  }

  /**
   * Connects a fresh client; blocks until connected or failed (at most the connect timeout + 5 s).
   *
   * @param willPayload the encoded offline Status, left retained by the broker if the link dies
   * @throws ConnectFailure with the fault classified and every thread of the attempt stopped
   */
  PahoConnection connect(Journal journal, byte[] willPayload, Runnable wake) throws ConnectFailure {
    int n = connections.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    ScheduledExecutorService executor = Executors.newScheduledThreadPool(6, r -> {
      Thread t = new Thread(r, "uplink-paho-" + n + "-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    MqttAsyncClient client;
    try {
      client = new MqttAsyncClient(cfg.url(), clientId, new MemoryPersistence(),
          new ScheduledExecutorPingSender(executor), executor);
    } catch (MqttException e) {
      executor.shutdownNow();
      throw ConnectFailure.classify(e, cfg);
    }
    PahoConnection conn = new PahoConnection(client, executor, journal, cfg.inflightWindow(), wake);
    try {
      client.connect(options(willPayload)).waitForCompletion((cfg.connectTimeoutS() + 5) * 1000L);
      return conn;
    } catch (MqttException e) {
      conn.dispose();
      throw ConnectFailure.classify(e, cfg);
    }
  }

  private MqttConnectOptions options(byte[] willPayload) {
    MqttConnectOptions o = new MqttConnectOptions();
    o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    o.setCleanSession(true);
    o.setAutomaticReconnect(false);
    o.setMaxInflight(cfg.inflightWindow() + 8);
    o.setKeepAliveInterval(cfg.keepAliveS());
    o.setConnectionTimeout(cfg.connectTimeoutS());
    o.setWill(statusTopic, willPayload, 1, true);
    if (tls != null) {
      o.setSocketFactory(new GraceSslSocketFactory(tls));
      o.setHttpsHostnameVerificationEnabled(true);
    } else {
      o.setSocketFactory(new GraceSocketFactory());
    }
    if (username != null) {
      o.setUserName(username);
    }
    if (password != null) {
      o.setPassword(password.clone());
    }
    return o;
  }
}
