package io.locolink.gateway.uplink;

import io.locolink.gateway.config.MqttConfig;
import io.locolink.gateway.journal.Journal;
import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.ScheduledExecutorPingSender;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens one MQTT connection with the configured TLS material and credentials (read once, at
 * construction; never logged). {@link #connect} is called by the link thread only; {@link #abort()}
 * by any thread.
 */
final class PahoConnector {

  private static final Logger LOG = LoggerFactory.getLogger(PahoConnector.class);

  private final MqttConfig cfg;
  private final String clientId;
  private final String statusTopic;
  private final SSLSocketFactory tls;
  private final String username;
  private final char[] password;
  private final AtomicInteger connections = new AtomicInteger();
  /** The sockets of the connect in progress, if any. */
  private volatile List<Socket> attempt;
  private volatile boolean aborted;

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
    List<Socket> sockets = new CopyOnWriteArrayList<>();
    attempt = sockets;
    try {
      if (aborted) {
        conn.dispose();
        throw ConnectFailure.aborted(cfg.url());
      }
      client.connect(options(willPayload, sockets::add)).waitForCompletion(maxConnectMs());
      return conn;
    } catch (MqttException e) {
      conn.dispose();
      if (aborted) {
        throw ConnectFailure.aborted(cfg.url());
      }
      throw ConnectFailure.classify(e, cfg);
    } finally {
      attempt = null;
    }
  }

  /** The longest {@link #connect} blocks, milliseconds: the connect timeout + 5 s. */
  long maxConnectMs() {
    return (cfg.connectTimeoutS() + 5) * 1000L;
  }

  /**
   * Makes a connect in progress fail now (its socket is closed under it) and every later one fail
   * at once. A connection already established is left alone, so the caller can still publish its
   * offline status and disconnect cleanly (if the connect completes just as this runs, the socket
   * is closed and the broker publishes the offline last will instead). Any thread.
   */
  void abort() {
    aborted = true;
    List<Socket> inProgress = attempt;
    if (inProgress != null) {
      for (Socket s : inProgress) {
        try {
          s.close();
        } catch (IOException e) {
          LOG.debug("uplink: closing the socket of an aborted connect: {}", e.toString());
        }
      }
    }
  }

  private MqttConnectOptions options(byte[] willPayload, Consumer<Socket> created) {
    MqttConnectOptions o = new MqttConnectOptions();
    o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    o.setCleanSession(true);
    o.setAutomaticReconnect(false);
    o.setMaxInflight(cfg.inflightWindow() + 8);
    o.setKeepAliveInterval(cfg.keepAliveS());
    o.setConnectionTimeout(cfg.connectTimeoutS());
    o.setWill(statusTopic, willPayload, 1, true);
    if (tls != null) {
      o.setSocketFactory(new GraceSslSocketFactory(tls, created));
      o.setHttpsHostnameVerificationEnabled(true);
    } else {
      o.setSocketFactory(new GraceSocketFactory(created));
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
